"""Editors, reviewers and admins act only inside their own organisation."""

import pytest
from django.contrib.auth.models import User
from wagtail.models import Page

from cluster.models import ArticlePage
from cluster.permissions import may, organisation_of, organisations_for
from cluster.roles import ROLES
from tests.helpers import make_article, make_column, make_organisation, make_user


@pytest.fixture
def cluster(db):
    portal = make_organisation("portal", hostname="www.example.gov.cn")
    fgw = make_organisation("fgw", hostname="fgw.example.gov.cn", parent=portal)
    czj = make_organisation("czj", hostname="czj.example.gov.cn", parent=portal)
    for organisation in (fgw, czj):
        column = make_column(organisation.home_page, "news")
        make_article(column, "first")
    return {"portal": portal, "fgw": fgw, "czj": czj}


def article_of(organisation):
    return ArticlePage.objects.descendant_of(organisation.home_page).get()


@pytest.mark.parametrize("role", [role.key for role in ROLES])
def test_no_role_reaches_another_organisations_objects(cluster, role):
    user = make_user(f"fgw_{role}", cluster["fgw"], role)
    for action in ROLES[0].organisation_permissions:
        assert not may(user, action, cluster["czj"])
    for action in ("edit", "publish", "delete", "add"):
        assert not may(user, action, article_of(cluster["czj"]))
        assert not may(user, action, cluster["czj"].home_page)


@pytest.mark.parametrize("role", [role.key for role in ROLES])
def test_each_role_holds_exactly_its_own_organisation_permissions(cluster, role):
    role_definition = next(r for r in ROLES if r.key == role)
    user = make_user(f"fgw_{role}", cluster["fgw"], role)
    for action in ROLES[0].organisation_permissions:
        assert may(user, action, cluster["fgw"]) == (
            action in role_definition.organisation_permissions
        )


def test_editor_may_edit_but_not_publish_inside_own_subtree(cluster):
    editor = make_user("fgw_editor", cluster["fgw"], "editor")
    article = article_of(cluster["fgw"])
    assert may(editor, "edit", article)
    assert may(editor, "add", article.get_parent())
    assert not may(editor, "publish", article)


def test_admin_may_publish_inside_own_subtree_only(cluster):
    admin = make_user("fgw_admin", cluster["fgw"], "admin")
    assert may(admin, "publish", article_of(cluster["fgw"]))
    assert not may(admin, "publish", article_of(cluster["czj"]))
    assert list(organisations_for(admin, "manage_organisation")) == [cluster["fgw"]]


def test_anonymous_and_inactive_users_may_nothing(cluster):
    from django.contrib.auth.models import AnonymousUser

    inactive = make_user("gone", cluster["fgw"], "admin")
    inactive.is_active = False
    inactive.save()
    for user in (AnonymousUser(), inactive):
        assert not may(user, "manage_organisation", cluster["fgw"])
        assert not may(user, "edit", article_of(cluster["fgw"]))


def test_organisation_of_resolves_pages_to_the_deepest_owner(cluster):
    path_department = make_organisation("tjj", parent=cluster["portal"])
    column = make_column(path_department.home_page, "notices")
    assert organisation_of(column) == path_department
    assert organisation_of(cluster["portal"].home_page) == cluster["portal"]


def test_admin_page_editor_refuses_another_organisations_page(client, cluster):
    editor = make_user("fgw_editor", cluster["fgw"], "editor")
    client.force_login(editor)
    own = article_of(cluster["fgw"])
    other = article_of(cluster["czj"])
    assert client.get(f"/admin/pages/{own.id}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other.id}/edit/").status_code in (302, 403)
    response = client.post(f"/admin/pages/{other.id}/edit/", {"title": "篡改", "slug": other.slug})
    assert response.status_code in (302, 403)
    assert Page.objects.get(id=other.id).title == other.title
    column = other.get_parent()
    assert client.get(f"/admin/pages/add/cluster/articlepage/{column.id}/").status_code in (
        302,
        403,
    )


def test_admin_organisation_list_and_edit_are_limited_to_own_organisation(client, cluster):
    admin = make_user("fgw_admin", cluster["fgw"], "admin")
    client.force_login(admin)
    listing = client.get("/admin/organisations/").content.decode()
    assert cluster["fgw"].name in listing
    assert cluster["czj"].name not in listing
    assert client.get(f"/admin/organisations/edit/{cluster['fgw'].id}/").status_code == 200
    assert client.get(f"/admin/organisations/edit/{cluster['czj'].id}/").status_code == 404
    assert client.get("/admin/organisations/new/").status_code in (302, 403)


def test_editor_cannot_open_organisation_admin(client, cluster):
    client.force_login(make_user("fgw_editor", cluster["fgw"], "editor"))
    assert client.get(f"/admin/organisations/edit/{cluster['fgw'].id}/").status_code in (302, 403)


def test_organisation_admin_edits_own_site_settings_only(client, cluster):
    client.force_login(make_user("fgw_admin", cluster["fgw"], "admin"))
    own = f"/admin/settings/cluster/sitesettings/{cluster['fgw'].site.id}/"
    other = f"/admin/settings/cluster/sitesettings/{cluster['czj'].site.id}/"
    assert client.get(own).status_code == 200
    assert client.get(other).status_code in (302, 403)
    response = client.post(other, {"theme": "blue"})
    assert response.status_code in (302, 403)
    from cluster.models import SiteSettings

    assert SiteSettings.for_site(cluster["czj"].site).theme == "red"


def test_editor_cannot_edit_site_settings(client, cluster):
    client.force_login(make_user("fgw_editor", cluster["fgw"], "editor"))
    response = client.get(f"/admin/settings/cluster/sitesettings/{cluster['fgw'].site.id}/")
    assert response.status_code in (302, 403)


def test_members_counts_a_role_only_in_the_organisation_that_grants_it(cluster):
    from cluster.permissions import members

    fgw_officer = make_user("fgw_officer", cluster["fgw"], "officer")
    # an editor of 发改委 who is an officer of 财政局 only
    editor = make_user("both", cluster["fgw"], "editor")
    editor.groups.add(*make_user("czj_officer", cluster["czj"], "officer").groups.all())
    assert list(members(cluster["fgw"], ["officer"])) == [fgw_officer]
    assert set(members(cluster["czj"], ["officer"])) == {
        editor,
        User.objects.get(username="czj_officer"),
    }
    assert set(members(cluster["fgw"])) == {fgw_officer, editor}
