"""Catalog lists (a node, its 专栏, the portal's city-wide catalog) follow the items they list."""

import pytest

from catalog.models import PolicyInterpretation
from tests.catalog.factories import add_item, node, root_of
from tests.helpers import DEPT_HOST, PORTAL_HOST

from .helpers import fetch

# The cache backend differs between profiles (local memory / Redis): run in both.
pytestmark = pytest.mark.backends


def path(page):
    return page.get_url_parts()[2]


def test_new_item_purges_its_node_its_column_and_the_portal_catalog_only(client, dept):
    rules = node(dept, "gzhgfxwj")
    unrelated = node(dept, "czyjs")
    for url in (path(rules), path(root_of(dept)), path(unrelated)):
        fetch(client, url, host=DEPT_HOST)
    fetch(client, path(root_of(dept.parent)), host=PORTAL_HOST)
    add_item(rules, title="新发布的规范性文件")
    for url in (path(rules), path(root_of(dept))):
        state, text = fetch(client, url, host=DEPT_HOST)
        assert state == "miss" and "新发布的规范性文件" in text
    assert "新发布的规范性文件" in fetch(client, path(root_of(dept.parent)), host=PORTAL_HOST)[1]
    assert fetch(client, path(unrelated), host=DEPT_HOST)[0] == "hit"


def test_item_shown_in_a_second_node_by_reference_is_purged_there(client, dept):
    item = add_item(node(dept, "gzhgfxwj"), title="两处显示的文件")
    elsewhere = node(dept, "ghjh")
    fetch(client, path(elsewhere), host=DEPT_HOST)
    item.also_in.add(elsewhere)
    item.save_revision().publish()
    assert "两处显示的文件" in fetch(client, path(elsewhere), host=DEPT_HOST)[1]
    item.title = "两处显示的文件（修订）"
    item.save_revision().publish()
    for listing in (node(dept, "gzhgfxwj"), elsewhere):
        assert "两处显示的文件（修订）" in fetch(client, path(listing), host=DEPT_HOST)[1]


def test_new_interpretation_appears_on_the_cached_policy_page(client, dept):
    rules = node(dept, "gzhgfxwj")
    policy = add_item(rules, title="被解读的政策")
    fetch(client, path(policy), host=DEPT_HOST)
    interpretation = add_item(rules, title="一图读懂政策", publish=False)
    interpretation.interpreted_policy_links.add(PolicyInterpretation(policy=policy))
    interpretation.save_revision().publish()
    state, text = fetch(client, path(policy), host=DEPT_HOST)
    assert state == "miss" and "一图读懂政策" in text


def test_unpublished_item_leaves_every_catalog_list(client, dept):
    rules = node(dept, "gzhgfxwj")
    item = add_item(rules, title="即将撤下的文件")
    portal_catalog = path(root_of(dept.parent))
    assert "即将撤下的文件" in fetch(client, portal_catalog, host=PORTAL_HOST)[1]
    assert "即将撤下的文件" in fetch(client, path(rules), host=DEPT_HOST)[1]
    item.unpublish()
    assert "即将撤下的文件" not in fetch(client, portal_catalog, host=PORTAL_HOST)[1]
    assert "即将撤下的文件" not in fetch(client, path(rules), host=DEPT_HOST)[1]
