"""An organisation admin manages the accounts and roles of their own organisation only."""

import pytest
from django.contrib.auth import get_user_model

from cluster.permissions import may
from tests.helpers import make_organisation, make_user


@pytest.fixture
def cluster(db):
    portal = make_organisation("portal", hostname="www.example.gov.cn")
    return {
        "portal": portal,
        "fgw": make_organisation("fgw", hostname="fgw.example.gov.cn", parent=portal),
        "czj": make_organisation("czj", hostname="czj.example.gov.cn", parent=portal),
    }


@pytest.fixture
def fgw_admin(client, cluster):
    admin = make_user("fgw_admin", cluster["fgw"], "admin")
    client.force_login(admin)
    return admin


def test_admin_creates_an_editor_in_own_organisation(client, cluster, fgw_admin):
    response = client.post(
        f"/admin/organisation-users/{cluster['fgw'].id}/add/",
        {"username": "li_editor", "name": "李编辑", "email": "li@example.gov.cn",
         "password": "Xq8!long-enough", "is_active": "on", "roles": ["editor"]},
    )  # fmt: skip
    assert response.status_code == 302
    user = get_user_model().objects.get(username="li_editor")
    assert user.check_password("Xq8!long-enough")
    assert may(user, "edit_content", cluster["fgw"])
    assert not may(user, "edit_content", cluster["czj"])
    listing = client.get("/admin/organisation-users/").content.decode()
    assert "李编辑" in listing and "编辑" in listing


def test_admin_cannot_add_or_edit_users_of_another_organisation(client, cluster, fgw_admin):
    czj_editor = make_user("czj_editor", cluster["czj"], "editor")
    assert client.get(f"/admin/organisation-users/{cluster['czj'].id}/add/").status_code == 404
    url = f"/admin/organisation-users/{cluster['czj'].id}/{czj_editor.id}/"
    assert client.post(url, {"name": "x", "roles": ["admin"]}).status_code == 404
    # Not even through the own organisation's URL.
    assert (
        client.get(f"/admin/organisation-users/{cluster['fgw'].id}/{czj_editor.id}/").status_code
        == 404
    )
    assert "czj_editor" not in client.get("/admin/organisation-users/").content.decode()


def test_bad_input_is_explained_and_kept(client, cluster, fgw_admin):
    make_user("taken")
    response = client.post(
        f"/admin/organisation-users/{cluster['fgw'].id}/add/",
        {"username": "taken", "name": "王五", "password": "123", "roles": ["editor"]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "用户名“taken”已存在" in html
    assert 'value="王五"' in html


def test_shared_member_identity_is_not_editable_by_one_organisation(client, cluster, fgw_admin):
    shared = make_user("shared", cluster["fgw"], "editor")
    shared.groups.add(*make_user("tmp", cluster["czj"], "editor").groups.all())
    url = f"/admin/organisation-users/{cluster['fgw'].id}/{shared.id}/"
    response = client.post(
        url, {"name": "改名", "password": "New-pass-123456", "roles": ["reviewer"]}
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.first_name != "改名"
    assert shared.check_password("pw")
    assert may(shared, "review_content", cluster["fgw"])
    assert not may(shared, "edit_content", cluster["fgw"])
    assert may(shared, "edit_content", cluster["czj"])  # other organisation untouched


def test_editor_cannot_manage_users(client, cluster):
    client.force_login(make_user("fgw_editor", cluster["fgw"], "editor"))
    assert client.get("/admin/organisation-users/").status_code in (302, 403)
    assert client.get(f"/admin/organisation-users/{cluster['fgw'].id}/add/").status_code == 404
