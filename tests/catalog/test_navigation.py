"""Catalog list pages: tree, sub-nodes and filter choices from one cached fragment; row URLs."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from catalog.models import DisclosureItemPage
from cluster.page_urls import page_url_builder
from tests.helpers import DEPT_HOST, PORTAL_HOST

from .factories import add_item, node, root_of, topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


def render(client, url, host=DEPT_HOST):
    """(HTML, number of queries) of one uncached render."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode(), len(context.captured_queries)


def tree_of(html):
    return html.split('aria-label="公开目录"')[1].split("</nav>")[0]


def test_navigation_is_computed_once_and_follows_changes_of_the_tree(client, dept, settings):
    statutory = node(dept, "fdzdgknr")
    settings.PAGECACHE_FRAGMENTS = False
    render(client, statutory.url)  # warm per-process caches (content types, site root paths)
    _html, uncached = render(client, statutory.url)
    settings.PAGECACHE_FRAGMENTS = True
    render(client, statutory.url)
    html, cached = render(client, statutory.url)
    # the 专栏 lookup, the tree, the sub-nodes and the topics are not queried again
    assert cached <= uncached - 4
    assert 'aria-current="page"' in tree_of(html) and "政府信息公开指南" in tree_of(html)
    assert "规章和规范性文件" in html.split('class="entry-list"')[1]  # a sub-node
    assert '<option value="02">综合政务</option>' in html

    guide = node(dept, "zn")
    guide.title = "信息公开指南（2026年版）"
    guide.save_revision().publish()
    sub_node = node(dept, "gzhgfxwj")
    sub_node.unpublish()
    category = topic("02")
    category.name = "综合政务类"
    category.save()
    html, _count = render(client, statutory.url)
    assert "信息公开指南（2026年版）" in tree_of(html)
    assert "规章和规范性文件" not in html
    assert '<option value="02">综合政务类</option>' in html


def test_the_root_title_and_a_new_node_show_at_once(client, dept):
    root = root_of(dept)
    render(client, root.url)
    root.title = "信息公开专栏"
    root.save_revision().publish()
    from catalog.models import CatalogNodePage

    root.add_child(instance=CatalogNodePage(title="重点领域", slug="zdly", live=True))
    html, _count = render(client, node(dept, "fdzdgknr").url)
    assert "信息公开专栏" in tree_of(html) and "重点领域" in tree_of(html)


def test_portal_organisation_filter_follows_organisation_changes(client, dept):
    portal_root = root_of(dept.parent)
    html, _count = render(client, portal_root.url, PORTAL_HOST)
    assert f'<option value="{dept.slug}">{dept.short_name}</option>' in html
    dept.short_name = "市发改"
    dept.save()
    html, _count = render(client, portal_root.url, PORTAL_HOST)
    assert f'<option value="{dept.slug}">市发改</option>' in html


def test_row_urls_are_those_wagtail_gives(dept):
    item = add_item(node(dept, "gzhgfxwj"), title="规范性文件")
    item = DisclosureItemPage.objects.get(pk=item.pk)
    for host in (DEPT_HOST, PORTAL_HOST):  # relative on its own site, absolute on the portal
        request = RequestFactory().get("/", HTTP_HOST=host)
        expected = item.get_url(RequestFactory().get("/", HTTP_HOST=host))
        assert page_url_builder(request)(item.url_path) == expected
    on_portal = page_url_builder(RequestFactory().get("/", HTTP_HOST=PORTAL_HOST))(item.url_path)
    assert on_portal.startswith(f"http://{DEPT_HOST}")
    assert page_url_builder(RequestFactory().get("/"))("/elsewhere/") is None


def test_list_rows_show_the_columns_and_validity(client, dept):
    import datetime as dt

    parent = node(dept, "gzhgfxwj")
    add_item(
        parent,
        title="已过有效期的办法",
        written_date=dt.date(2019, 1, 1),
        valid_until=dt.date(2020, 1, 1),
    )
    html, _count = render(client, parent.url)
    row = html.split("已过有效期的办法")[1].split("</tr>")[0]
    assert 'class="validity-expired">失效' in row
