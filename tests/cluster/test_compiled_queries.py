"""Routing's compiled queries return what the ORM returns, with the same SQL (cluster.compiled_queries)."""

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cluster import compiled_queries
from cluster.routing import _chain_queryset, _specific_queryset

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(autouse=True)
def _sql_as_compiled(settings):
    """Compare the SQL itself, not a prepared statement's EXECUTE on PostgreSQL (those are
    tested in test_prepared_statements.py)."""
    settings.DATABASE_PREPARED_STATEMENTS = False


def state(obj, depth=2):
    """What a loaded instance holds: its fields and annotations, and the related rows loaded
    with it (select_related), recursively."""
    values = {k: v for k, v in vars(obj).items() if k != "_state"}
    values["_db"], values["_adding"] = obj._state.db, obj._state.adding
    related = obj._state.fields_cache
    values["_related"] = {
        name: state(value, depth - 1) if value is not None and depth else value
        for name, value in related.items()
    }
    values["_deferred"] = obj.get_deferred_fields()
    return values


def both_ways(key, model, build, values):
    """The ORM's objects and SQL, then the compiled query's (twice: compiling, then cached)."""
    results = []
    for run in (
        lambda: list(build(*values)),
        *[lambda: compiled_queries.fetch(key, model, build, values)] * 2,
    ):
        with CaptureQueriesContext(connection) as context:
            objects = run()
        results.append(
            (
                [type(o) for o in objects],
                [state(o) for o in objects],
                [q["sql"] for q in context.captured_queries],
            )
        )
    return results


def test_specific_rows_of_every_demo_page_type_match_the_orm(demo_cluster):
    checked = set()
    for page in Page.objects.filter(depth__gt=1).order_by("path"):
        cls = page.specific_class
        if cls is None:
            continue
        build = lambda pk, cls=cls: _specific_queryset(cls, pk)  # noqa: E731
        orm, compiling, cached = both_ways(("test-specific", cls), cls, build, (page.pk,))
        assert orm[0] == [cls] and orm[1], page.url_path
        assert compiling == orm and cached == orm, page.url_path
        checked.add(cls)
    # the demo's item pages, nodes, catalog roots, columns, articles and both home pages
    assert {c.__name__ for c in checked} >= {
        "DisclosureItemPage",
        "CatalogNodePage",
        "CatalogRootPage",
        "ColumnPage",
        "ArticlePage",
        "PortalHomePage",
        "OrganisationHomePage",
    }


def test_item_page_annotations_and_joins_come_back(demo_cluster):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from catalog.models import DisclosureItemAttachment, DisclosureItemPage

    item = DisclosureItemPage.objects.live().order_by("path").first()
    document = Document.objects.create(title="附件")
    document.file.save("attachment.pdf", ContentFile(b"%PDF-1.4"))
    DisclosureItemAttachment.objects.create(item=item, document=document, title="附件")
    with_files = item.pk
    cls = DisclosureItemPage
    build = lambda pk: _specific_queryset(cls, pk)  # noqa: E731
    [item] = compiled_queries.fetch(("test-item", cls), cls, build, (with_files,))
    assert item.routed_has_attachments  # 1 on SQLite, True on PostgreSQL, as the ORM gives
    assert item.routed_node_title == item.get_parent().title
    with CaptureQueriesContext(connection) as context:
        assert item.organisation.name and (item.topic is None or item.topic.name)
    assert not context.captured_queries  # joined in the one query


def test_path_rows_below_every_site_root_match_the_orm(demo_cluster):
    from wagtail.models import Site

    for site in Site.objects.all():
        root = site.root_page
        for page in Page.objects.descendant_of(root).order_by("path")[:60]:
            components = page.url_path.removeprefix(root.url_path).strip("/").split("/")
            for tail in ([], ["nothing"]):
                slugs = tuple(sorted(set(components + tail)))
                values = (root.path, root.depth, root.depth + len(components + tail), slugs)
                key = ("test-chain", len(slugs))
                orm, compiling, cached = both_ways(key, Page, _chain_queryset, values)
                assert page.pk in [row["id"] for row in orm[1]], page.url_path
                assert compiling == orm and cached == orm, page.url_path


def test_a_queryset_whose_sql_depends_on_its_values_is_left_to_the_orm(demo_cluster):
    def build(depth):  # a different query for large numbers: placeholders cannot stand in
        return Page.objects.filter(depth__lte=depth) if depth < 1000 else Page.objects.none()

    key = ("test-uncacheable",)
    assert {p.pk for p in compiled_queries.fetch(key, Page, build, (2,))} == set(
        Page.objects.filter(depth__lte=2).values_list("pk", flat=True)
    )
    assert compiled_queries._cache.entries[(key, "default")] is compiled_queries._UNCACHEABLE
    assert (
        len(compiled_queries.fetch(key, Page, build, (3,)))
        == Page.objects.filter(depth__lte=3).count()
    )


def test_each_thread_compiles_for_its_own_connection(demo_cluster):
    page = Page.objects.filter(depth=2).first()
    key = ("test-thread", Page)
    here = compiled_queries.fetch(key, Page, lambda pk: Page.objects.filter(pk=pk), (page.pk,))
    seen = {}

    def other():
        from django.db import connections

        try:
            compiled_queries.fetch(key, Page, lambda pk: Page.objects.filter(pk=pk), (page.pk,))
            seen["entry"] = compiled_queries._cache.entries[(key, "default")]
            seen["connection"] = connections["default"]
        finally:
            connections.close_all()

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    mine = compiled_queries._cache.entries[(key, "default")]
    assert [p.pk for p in here] == [page.pk]
    assert seen["entry"] is not mine and seen["entry"].connection is seen["connection"]
    assert mine.connection is connections["default"]


def test_a_thread_keeps_a_bounded_number_of_compiled_queries(demo_cluster, monkeypatch):
    monkeypatch.setattr(compiled_queries, "MAX_ENTRIES", 2)
    pages = list(Page.objects.filter(depth=2).order_by("pk")[:3])
    for number, page in enumerate(pages):
        key = ("test-bounded", number)
        found = compiled_queries.fetch(key, Page, lambda pk: Page.objects.filter(pk=pk), (page.pk,))
        assert [p.pk for p in found] == [page.pk]
        assert len(compiled_queries._cache.entries) <= 2
