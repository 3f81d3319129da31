"""Issue #12 (4): an organisation admin cannot take over an account that reaches beyond it."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, WorkflowPage

from tests.helpers import make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def fgw(db):
    portal = make_organisation("portal", hostname="www.example.gov.cn")
    return make_organisation("fgw", hostname="fgw.example.gov.cn", parent=portal)


def _reset(client, fgw, user):
    return client.post(
        f"/admin/organisation-users/{fgw.id}/{user.id}/",
        {"name": "改名", "email": "x@example.gov.cn", "password": "Xq8!long-enough-2",
         "is_active": "on", "roles": ["editor"]},
    )  # fmt: skip


def test_wagtail_default_groups_hold_no_rights_after_migration(db):
    # Wagtail's groups, under their English or their translated names (cluster 0011).
    defaults = Group.objects.filter(name__in=("Moderators", "Editors", "全站审核人", "全站编辑"))
    assert not defaults.exists()  # nobody belonged to them: deleted
    root = Page.objects.get(depth=1)
    assert not GroupPagePermission.objects.filter(page=root).exists()
    assert not WorkflowPage.objects.filter(page=root).exists()


def test_admin_cannot_reset_a_member_who_holds_a_group_outside_the_organisation(client, fgw):
    client.force_login(make_user("fgw_admin", fgw, "admin"))
    member = make_user("fgw_editor", fgw, "editor")
    member.groups.add(Group.objects.create(name="平台运维"))
    page = client.get(f"/admin/organisation-users/{fgw.id}/{member.id}/").content.decode()
    assert "只能调整其在本单位的角色" in page
    _reset(client, fgw, member)
    member.refresh_from_db()
    assert member.check_password("pw") and member.first_name != "改名"
    plain = make_user("fgw_plain", fgw, "editor")
    assert _reset(client, fgw, plain).status_code == 302
    plain.refresh_from_db()
    assert plain.check_password("Xq8!long-enough-2")


def test_admin_cannot_reset_staff_or_superusers(client, fgw):
    client.force_login(make_user("fgw_admin", fgw, "admin"))
    staff = make_user("fgw_staff", fgw, "editor")
    staff.is_staff = True
    staff.save()
    _reset(client, fgw, staff)
    staff.refresh_from_db()
    assert staff.check_password("pw")
