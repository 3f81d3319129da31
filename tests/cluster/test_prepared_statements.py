"""On PostgreSQL the compiled queries run as prepared statements, once prepared per session
(cluster.compiled_queries), with the ORM's results; services profile (a real server)."""

import pytest
from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from catalog.models import CatalogRootPage
from cluster import compiled_queries
from cluster.routing import _chain_queryset, _specific_queryset

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _new_persistent_session(monkeypatch):
    """Persistent connections, as in production (the test settings close them after each
    request), and a new server session for each test: none of its statements is prepared."""
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)
    connection.close()


def test_connections_closed_after_each_request_do_not_prepare(portal, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    page = portal.home_page
    build = lambda pk: Page.objects.filter(pk=pk)  # noqa: E731
    objects, sent = fetch_logged(("test-closing",), Page, build, (page.pk,))
    assert sent == ["SELECT"] and [o.pk for o in objects] == [page.pk]


def fetch_logged(key, model, build, values):
    """The compiled query's objects and the statements it sent."""
    with CaptureQueriesContext(connection) as context:
        objects = compiled_queries.fetch(key, model, build, values)
    return objects, [query["sql"].split(" ")[0] for query in context.captured_queries]


def rows(objects):
    return [{k: v for k, v in vars(o).items() if k != "_state"} for o in objects]


def test_prepared_once_per_session_with_the_orms_rows(portal):
    root = CatalogRootPage.objects.descendant_of(portal.home_page).first()
    build = lambda pk: _specific_queryset(CatalogRootPage, pk)  # noqa: E731
    key = ("test-prepared", CatalogRootPage)
    orm = rows(build(root.pk))
    first, sent = fetch_logged(key, CatalogRootPage, build, (root.pk,))
    assert sent == ["PREPARE", "EXECUTE"] and rows(first) == orm
    again, sent = fetch_logged(key, CatalogRootPage, build, (root.pk,))
    assert sent == ["EXECUTE"] and rows(again) == orm
    # a new server session (reconnect, server restart) has none: prepared again, same rows
    connection.close()
    after, sent = fetch_logged(key, CatalogRootPage, build, (root.pk,))
    assert sent == ["PREPARE", "EXECUTE"] and rows(after) == orm


def test_a_query_matching_a_path_prefix_is_never_prepared(portal):
    # a generic plan cannot use the index for an unknown prefix (85 ms instead of 8 at 1M)
    home = portal.home_page
    root = CatalogRootPage.objects.child_of(home).first()
    values = (home.path, home.depth, home.depth + 1, (root.slug, "nothing"))
    key = ("test-prepared-chain", 2)
    for _run in range(7):  # past PostgreSQL's five custom plans
        objects, sent = fetch_logged(key, Page, _chain_queryset, values)
        assert sent == ["SELECT"]
        assert [page.pk for page in objects] == [root.pk]


def test_a_query_postgresql_cannot_prepare_runs_as_plain_sql_and_keeps_the_transaction(portal):
    def build(pk, label):  # a parameter whose type PostgreSQL cannot infer without a value
        flag = RawSQL("CASE WHEN %s IS NULL THEN 'none' ELSE 'some' END", (label,))
        return Page.objects.filter(pk=pk).annotate(label=flag).only("title")

    key = ("test-unpreparable",)
    page = portal.home_page
    with transaction.atomic():
        objects, sent = fetch_logged(key, Page, build, (page.pk, "首页"))
        assert sent[0] == "SAVEPOINT" and "PREPARE" in sent and sent[-1] == "SELECT"
        assert [(o.pk, o.label) for o in objects] == [(page.pk, "some")]
        assert Page.objects.filter(pk=page.pk).exists()  # the transaction is still usable
        objects, sent = fetch_logged(key, Page, build, (page.pk, "网站"))
        assert sent == ["SELECT"] and objects[0].label == "some"


def test_turned_off_behind_a_pooler_the_sql_is_sent_as_is(portal, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    page = portal.home_page
    objects, sent = fetch_logged(
        ("test-unprepared", Page), Page, lambda pk: Page.objects.filter(pk=pk), (page.pk,)
    )
    assert sent == ["SELECT"] and [o.pk for o in objects] == [page.pk]


def test_a_query_without_parameters_is_prepared_too(portal):
    build = lambda: Page.objects.filter(depth=1).only("title")  # noqa: E731
    for expected in (["PREPARE", "EXECUTE"], ["EXECUTE"]):
        objects, sent = fetch_logged(("test-no-parameters",), Page, build, ())
        assert sent == expected and [o.pk for o in objects] == [Page.get_first_root_node().pk]
