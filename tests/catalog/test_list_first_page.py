"""The unfiltered first page of a catalog list, read by a compiled query, is the ORM's keyset
page, and follows view restrictions added between two views (catalog.models.mixins)."""

import datetime as dt

import pytest
from wagtail.models import PageViewRestriction

from catalog.listing import LIST_VALUES, PER_PAGE
from catalog.models import DisclosureItemPage
from cluster import compiled_queries
from cluster.keyset import keyset_page
from tests.helpers import DEPT_HOST, PORTAL_HOST

from .factories import add_item, node, root_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def lists(dept):
    """Two nodes of the department's 专栏, one with more items than a page holds."""
    policies, plans = node(dept, "gzhgfxwj"), node(dept, "xzxk")
    for number in range(PER_PAGE + 3):
        add_item(
            policies, title=f"规范性文件{number:02d}", publish_date=dt.date(2025, 4, 1 + number)
        )
    add_item(plans, title="规划计划一", publish_date=dt.date(2025, 5, 1))
    return {"policies": policies, "plans": plans, "root": root_of(dept)}


def shown(client, host, path):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200
    page = response.context["items_page"]
    return [item.pk for item in page.items], page.next_cursor, page.previous_cursor


def expected(items):
    """The first page as `keyset_page` reads it through the ORM."""
    page = keyset_page(items.values_list(*LIST_VALUES, named=True), size=PER_PAGE)
    return [row.pk for row in page.items], page.next_cursor, page.previous_cursor


def test_first_pages_match_the_orm_keyset_page(client, lists, portal):
    policies, plans, root = lists["policies"], lists["plans"], lists["root"]
    for _ in range(2):  # compiling, then the compiled query
        got = shown(client, DEPT_HOST, policies.url)
        assert got == expected(policies.items()) and len(got[0]) == PER_PAGE and got[1]
        assert shown(client, DEPT_HOST, "/xxgk/") == expected(root.items())
        assert shown(client, PORTAL_HOST, "/xxgk/") == expected(root_of(portal).items())
    assert shown(client, DEPT_HOST, plans.url)[0] == [
        DisclosureItemPage.objects.get(title="规划计划一").pk
    ]
    compiled = {
        key[0][0]: entry
        for key, entry in compiled_queries._cache.entries.items()
        if key[0][0] in ("catalog-node-items", "catalog-root-items", "catalog-portal-items")
    }
    assert len(compiled) == 3 and compiled_queries._UNCACHEABLE not in compiled.values()
    # a cursor or a filter still goes through the ORM's keyset page
    after = shown(client, DEPT_HOST, "/xxgk/")[1]
    response = client.get(f"/xxgk/?after={after}", HTTP_HOST=DEPT_HOST)
    assert response.context["items_page"].previous_cursor and response.status_code == 200


def test_a_restriction_added_between_views_hides_its_items(client, lists):
    plans = lists["plans"]
    assert "规划计划一" in client.get("/xxgk/", HTTP_HOST=DEPT_HOST).content.decode()
    PageViewRestriction.objects.create(page=plans, restriction_type="password", password="x")
    html = client.get("/xxgk/", HTTP_HOST=DEPT_HOST).content.decode()
    assert "规划计划一" not in html and "规范性文件22" in html
    PageViewRestriction.objects.filter(page=plans).delete()
    assert "规划计划一" in client.get("/xxgk/", HTTP_HOST=DEPT_HOST).content.decode()
