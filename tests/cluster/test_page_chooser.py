"""The page chooser opens at the editor's organisation; a parent chooser lists usable parents."""

import json

import pytest
from django.urls import reverse

from cluster.models import ColumnPage
from tests.helpers import DEPT_HOST, add_page, make_user

pytestmark = pytest.mark.django_db


def _chooser(client, url):
    response = client.get(url, HTTP_HOST=DEPT_HOST)
    assert response.status_code == 200
    payload = json.loads(response.content)
    return payload["parent_page_id"], payload["html"]


def test_department_editor_starts_at_own_home_page(client, portal, dept):
    client.force_login(make_user("fgw_editor", dept, "editor"))
    parent_id, html = _chooser(client, "/admin/choose-page/")
    assert parent_id == dept.home_page.id
    assert dept.home_page.title in html


def test_platform_admin_still_starts_at_the_root(client, portal, dept):
    admin = make_user("admin")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    parent_id, html = _chooser(client, "/admin/choose-page/")
    assert parent_id == portal.home_page.get_parent().id
    assert portal.home_page.title in html


def test_parent_chooser_lists_only_pages_the_editor_may_add_under(client, portal, dept, other_dept):
    own = add_page(dept.home_page, ColumnPage(title="本单位栏目", slug="bdw"))
    foreign = add_page(other_dept.home_page, ColumnPage(title="他单位栏目", slug="tdw"))
    portal_column = add_page(portal.home_page, ColumnPage(title="门户栏目", slug="mh"))
    client.force_login(make_user("fgw_editor", dept, "editor"))

    _parent, html = _chooser(client, "/admin/choose-page/?user_perms=add_subpage")
    assert own.title in html
    assert foreign.title not in html and portal_column.title not in html

    # Walking up to the tree's root shows only the editor's own site, not the portal's or
    # another department's (sites with their own hostname sit directly under the root).
    root = dept.home_page.get_parent()
    _parent, html = _chooser(client, f"/admin/choose-page/{root.id}/?user_perms=add_subpage")
    assert dept.home_page.title in html
    assert other_dept.home_page.title not in html and portal.home_page.title not in html


def test_link_chooser_still_lists_other_sites(client, portal, dept):
    """Linking to another site's page stays possible: only the parent chooser is limited."""
    portal_column = add_page(portal.home_page, ColumnPage(title="门户栏目", slug="mh"))
    client.force_login(make_user("fgw_editor", dept, "editor"))
    _parent, html = _chooser(client, f"/admin/choose-page/{portal.home_page.id}/")
    assert portal_column.title in html


def test_choose_parent_form_is_reached_and_guarded(client, portal, dept):
    add_page(dept.home_page, ColumnPage(title="栏目一", slug="a"))
    add_page(dept.home_page, ColumnPage(title="栏目二", slug="b"))
    url = reverse("wagtailadmin_pages:choose_parent", args=["cluster", "articlepage"])
    client.force_login(make_user("fgw_editor", dept, "editor"))
    response = client.get(url, HTTP_HOST=DEPT_HOST)
    assert response.status_code == 200
    assert "选择上级页面" in response.content.decode()
    client.logout()
    assert client.get("/admin/choose-page/", HTTP_HOST=DEPT_HOST).status_code == 302
