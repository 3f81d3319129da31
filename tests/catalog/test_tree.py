"""Point 1: the standard catalog tree per organisation, admins' changes, the portal catalog."""

import pytest
from wagtail.models import Page

from catalog.models import ARTICLE20_NODES, CatalogNodePage, CatalogRootPage, NodeKind
from cluster.provisioning import provision_organisation
from tests.helpers import DEPT_HOST, PORTAL_HOST, make_user

from .factories import add_item, node, root_of

# The tree is built by provisioning, which runs every time here (no replayed rows).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_provisioning")]


def test_each_organisation_gets_the_standard_tree(dept):
    root = root_of(dept)
    assert (root.slug, root.title) == ("xxgk", "政府信息公开")
    assert root.get_parent().id == dept.home_page_id
    top = [(child.slug, child.title) for child in root.get_children().specific()]
    assert top == [
        ("zn", "政府信息公开指南"),
        ("zd", "政府信息公开制度"),
        ("fdzdgknr", "法定主动公开内容"),
        ("ndbg", "政府信息公开年报"),
        ("ysqgk", "依申请公开"),
    ]
    statutory = CatalogNodePage.objects.child_of(node(dept, "fdzdgknr"))
    assert sorted(statutory.values_list("article20_item", flat=True)) == list(range(1, 16))
    assert node(dept, "xzxk").article20_item == 5
    assert all(n.node_kind == NodeKind.STATUTORY_ITEM for n in statutory)
    assert len(ARTICLE20_NODES) == 15


def test_provisioning_again_adds_nothing_and_keeps_renames(dept):
    rules = node(dept, "zd")
    rules.title = "信息公开规章制度"
    rules.save_revision().publish()
    count = Page.objects.count()
    provision_organisation(dept, hostname=DEPT_HOST)
    assert Page.objects.count() == count
    assert node(dept, "zd").title == "信息公开规章制度"
    assert CatalogRootPage.objects.filter(organisation=dept).count() == 1


def _admin_client(client, user):
    client.force_login(user)
    return client


def test_statutory_nodes_cannot_be_deleted_but_custom_nodes_can(client, dept):
    admin = make_user("fgw_admin", dept, "admin")
    _admin_client(client, admin)
    statutory = node(dept, "xzxk")
    response = client.post(f"/admin/pages/{statutory.id}/delete/", HTTP_HOST=DEPT_HOST)
    assert response.status_code == 302
    assert CatalogNodePage.objects.filter(id=statutory.id).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("法定目录节点，不能删除" in m for m in messages)

    custom = CatalogNodePage(title="重点领域信息公开", slug="zdly", node_kind=NodeKind.CUSTOM)
    root_of(dept).add_child(instance=custom)
    response = client.post(f"/admin/pages/{custom.id}/delete/", HTTP_HOST=DEPT_HOST)
    assert response.status_code == 302
    assert not CatalogNodePage.objects.filter(id=custom.id).exists()


def test_admin_adds_nodes_editor_may_not(client, dept):
    root = root_of(dept)
    url = f"/admin/pages/add/catalog/catalognodepage/{root.id}/"
    data = {
        "title": "重点领域信息公开",
        "slug": "zdly",
        "node_kind": "custom",
        "action-publish": "1",
    }
    client.force_login(make_user("fgw_editor", dept, "editor"))
    refused = client.post(url, data, HTTP_HOST=DEPT_HOST)
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's permission denial
    assert not CatalogNodePage.objects.filter(slug="zdly").exists()
    client.force_login(make_user("fgw_admin", dept, "admin"))
    response = client.post(url, data, HTTP_HOST=DEPT_HOST)
    assert response.status_code == 302, response.content.decode()[:3000]
    # The catalog is governed by the review workflow: even the admin's new node is a draft
    # until the review publishes it (no role publishes around the workflow).
    added = CatalogNodePage.objects.child_of(root).get(slug="zdly")
    assert not added.live


def test_admin_reorders_nodes(client, dept):
    client.force_login(make_user("fgw_admin", dept, "admin"))
    request_node = node(dept, "ysqgk")
    response = client.post(
        f"/admin/pages/{request_node.id}/set_position/?position=0",
        HTTP_HOST=DEPT_HOST,
    )
    assert response.status_code == 200
    assert root_of(dept).get_children().first().id == request_node.id


def test_portal_catalog_lists_every_organisations_items(client, portal, dept, other_dept):
    add_item(node(dept, "xzxk"), title="发改委的许可事项")
    add_item(node(other_dept, "czyjs"), title="财政局的部门预算")
    portal_page = client.get(root_of(portal).url, HTTP_HOST=PORTAL_HOST).content.decode()
    assert "发改委的许可事项" in portal_page and "财政局的部门预算" in portal_page
    dept_page = client.get(root_of(dept).url, HTTP_HOST=DEPT_HOST).content.decode()
    assert "发改委的许可事项" in dept_page and "财政局的部门预算" not in dept_page


def test_item_shown_in_another_node_by_reference_without_copy(client, dept):
    item = add_item(node(dept, "gzhgfxwj"), title="规范性文件甲")
    elsewhere = node(dept, "mszc")
    item.also_in.add(elsewhere)
    item.save_revision().publish()
    page = client.get(elsewhere.url, HTTP_HOST=DEPT_HOST).content.decode()
    assert "规范性文件甲" in page
    assert page.count(item.get_url_parts()[2]) == 1  # linked to its one home, not copied
    assert item.__class__.objects.filter(title="规范性文件甲").count() == 1
