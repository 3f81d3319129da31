import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.models import Site

from cluster.models import OrganisationHomePage, PortalHomePage, SiteSettings
from cluster.roles import ROLES
from tests.helpers import make_organisation, make_user

# What provisioning does is under test here, so it runs every time (no replayed rows).
pytestmark = pytest.mark.usefixtures("real_provisioning")


@pytest.fixture
def portal(db):
    return make_organisation("portal", hostname="www.example.gov.cn", name="示例市人民政府")


def test_portal_gets_a_portal_home_page_site_collection_and_one_group_per_role(portal):
    assert isinstance(portal.home_page.specific, PortalHomePage)
    assert portal.site.hostname == "www.example.gov.cn"
    assert portal.collection.name == portal.name
    assert set(portal.role_groups.values_list("role", flat=True)) == {role.key for role in ROLES}
    assert Group.objects.filter(name="示例市人民政府·编辑").exists()


def test_department_with_hostname_gets_its_own_site(portal):
    department = make_organisation("fgw", hostname="fgw.example.gov.cn", parent=portal)
    assert isinstance(department.home_page.specific, OrganisationHomePage)
    assert department.site.hostname == "fgw.example.gov.cn"
    assert department.home_page.get_parent().depth == 1


def test_department_without_hostname_lives_at_a_path_under_its_parent(portal):
    department = make_organisation("czj", parent=portal)
    assert department.home_page.get_parent().id == portal.home_page_id
    assert department.site == portal.site
    assert department.home_page.relative_url(portal.site) == "/czj/"


def test_provisioning_twice_changes_nothing(portal):
    from cluster.provisioning import provision_organisation

    counts = (Group.objects.count(), Site.objects.count())
    provision_organisation(portal, hostname="www.example.gov.cn")
    assert (Group.objects.count(), Site.objects.count()) == counts


def test_duplicate_hostname_is_refused_with_a_clear_message(portal):
    with pytest.raises(ValidationError) as error:
        make_organisation("dup", hostname="www.example.gov.cn", parent=portal)
    assert "已被站点" in error.value.messages[0]


def test_unknown_theme_cannot_be_chosen(portal):
    site_settings = SiteSettings.for_site(portal.site)
    site_settings.theme = "purple"
    with pytest.raises(ValidationError) as error:
        site_settings.full_clean()
    assert "theme" in error.value.message_dict


def test_admin_create_form_refuses_duplicate_hostname_and_bad_code(client, portal):
    admin = make_user("root")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    response = client.post(
        "/admin/organisations/new/",
        {
            "name": "重复机构",
            "short_name": "重复",
            "slug": "dup",
            "credit_code": "11441700007280420X",
            "level": "department",
            "parent": portal.id,
            "sort_order": 0,
            "hostname": "www.example.gov.cn",
            "port": 80,
            "theme": "blue",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "已被站点" in content
    assert "第18位应为“Y”" in content
    assert 'value="重复机构"' in content  # valid input is kept for correction


def test_admin_create_form_provisions_the_new_organisation(client, portal):
    admin = make_user("root")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    response = client.post(
        "/admin/organisations/new/",
        {
            "name": "示例市统计局",
            "short_name": "市统计局",
            "slug": "tjj",
            "credit_code": "11441700007280420Y",
            "level": "department",
            "parent": portal.id,
            "sort_order": 0,
            "hostname": "tjj.example.gov.cn",
            "port": 80,
            "theme": "blue",
        },
    )
    assert response.status_code == 302
    site = Site.objects.get(hostname="tjj.example.gov.cn")
    assert SiteSettings.for_site(site).theme == "blue"
    assert site.root_page.title == "示例市统计局"


def test_api_documentation_is_served(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "政府网站集约化平台 API"
