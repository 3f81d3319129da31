"""Small builders for focused tests (rather than loading the whole demo)."""

from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db import connection
from wagtail.models import Page

from cluster.models import ArticlePage, ColumnPage, Organisation, OrganisationLevel
from cluster.provisioning import provision_organisation, role_group
from cluster.validators import credit_code_check_character
from tests import snapshots

PORTAL_HOST = "www.localhost"
DEPT_HOST = "fgw.localhost"


def credit_code(serial: int) -> str:
    """A valid 统一社会信用代码 for test organisation number `serial`."""
    first17 = f"11439900{serial:08d}0"[:17]
    return first17 + credit_code_check_character(first17)


def make_organisation(
    slug: str, *, hostname: str | None = None, parent=None, catalog: bool = True, **fields
) -> Organisation:
    """An organisation with its site (own hostname, or a path under `parent`) and role groups.

    With `catalog=False` it gets no catalog tree or review workflow (the catalog app's part of
    provisioning), for tests about sites, users and pages only. Inside a test transaction the
    rows are replayed from an earlier identical build when there was one (`tests.snapshots`).
    """

    def build() -> Organisation:
        defaults = {
            "name": f"测试机构{slug}",
            "short_name": slug,
            "credit_code": credit_code(Organisation.objects.count() + 1),
            "level": OrganisationLevel.CITY if parent is None else OrganisationLevel.DEPARTMENT,
        }
        organisation = Organisation.objects.create(slug=slug, parent=parent, **(defaults | fields))
        with _catalog_scaffold(catalog):
            return provision_organisation(
                organisation, hostname=hostname, is_default_site=parent is None
            )

    if not (snapshots.enabled and connection.in_atomic_block):
        return build()  # a transactional test commits: nothing to come back to
    key = (slug, hostname, parent.pk if parent else None, catalog, repr(sorted(fields.items())))
    return snapshots.replayed(key, build)


@contextmanager
def _catalog_scaffold(wanted: bool):
    """Leave out the catalog app's receiver of `organisation_provisioned` unless `wanted`."""
    if wanted:
        yield
        return
    from catalog.tree import build_catalog_on_provisioning
    from cluster.provisioning import organisation_provisioned

    organisation_provisioned.disconnect(dispatch_uid="catalog_tree")
    try:
        yield
    finally:
        organisation_provisioned.connect(build_catalog_on_provisioning, dispatch_uid="catalog_tree")


def make_user(username: str, organisation: Organisation | None = None, role: str | None = None):
    """A user, optionally holding `role` in `organisation`."""
    user = get_user_model().objects.create_user(username=username, password="pw")
    if organisation is not None:
        user.groups.add(role_group(organisation, role))
    return user


def add_page(parent: Page, page: Page) -> Page:
    """Add `page` under `parent` and publish it."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_column(parent: Page, slug: str = "news", **fields) -> ColumnPage:
    return add_page(
        parent, ColumnPage(title=fields.pop("title", slug), slug=slug, show_in_menus=True, **fields)
    )


def make_article(column: ColumnPage, slug: str, **fields) -> ArticlePage:
    fields.setdefault("body", "<p>正文</p>")
    return add_page(column, ArticlePage(title=fields.pop("title", slug), slug=slug, **fields))


def home_section(client, host: str, start: str, end: str) -> tuple[str, int]:
    """(the HTML between `start` and `end`, number of queries) of one render of `host`'s home."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode().split(start)[1].split(end)[0], len(context.captured_queries)


def sent_sql(queries) -> list[str]:
    """The SQL of captured `queries`, with a prepared statement's EXECUTE (PostgreSQL,
    cluster.compiled_queries) replaced by the statement it runs."""
    texts = []
    for query in queries:
        sql = query["sql"]
        if sql.startswith("EXECUTE "):
            with connection.cursor() as cursor:
                name = sql.split()[1]
                cursor.execute(
                    "SELECT statement FROM pg_prepared_statements WHERE name = %s", [name]
                )
                sql = cursor.fetchone()[0]
        texts.append(sql)
    return texts
