"""Service guides (办事指南, 七公开) and the admin views."""

import re

import pytest

from cluster import workdays
from disclosure.approvals.models import ApprovalItem, ApprovalSource, hash_token
from tests.helpers import make_user

from .builders import post, record

SEVEN_PARTS = (
    "法律依据",
    "办事程序",
    "申请条件",
    "申报材料",
    "收费依据及标准",
    "办事时限",
    "投诉渠道",
)


def make_item(organisation, code="QLSP-0001", **fields):
    values = {
        "name": "建筑工程施工许可证核发",
        "category": "普通",
        "legal_basis": "《中华人民共和国建筑法》第七条",
        "procedure": "申请—受理—审查—决定—送达",
        "conditions": "已经办理用地批准手续",
        "materials": "施工许可申请表",
        "fees": "不收费",
        "time_limit": "法定15个工作日，承诺5个工作日",
        "promised_days": 5,
        "complaint_channel": "12345政务服务便民热线",
    }
    return ApprovalItem.objects.create(code=code, organisation=organisation, **(values | fields))


@pytest.mark.django_db
def test_guide_shows_seven_parts_recent_results_and_handling_time(client, bureau, source):
    workdays.clear_cache()
    item = make_item(bureau)
    _source, token = source
    post(
        client,
        token,
        [
            # 2026-03-02 (Mon) to 03-06 (Fri): 4 working days.
            record(
                bureau,
                1,
                item_code=item.code,
                application_date="2026-03-02",
                decision_date="2026-03-06",
                valid_from="2026-03-06",
            ),
            # 2026-09-28 to 10-13 across National Day: 7 working days.
            record(
                bureau,
                2,
                item_code=item.code,
                application_date="2026-09-28",
                decision_date="2026-10-13",
                valid_from="2026-10-13",
            ),
            record(bureau, 3),
        ],
    )
    response = client.get(f"/approvals/guides/{item.code}/", HTTP_HOST="spj.localhost")
    html = response.content.decode()
    assert response.status_code == 200
    for part in SEVEN_PARTS:
        assert part in html
    assert "《中华人民共和国建筑法》第七条" in html
    assert "云溪建许〔2026〕1号" in html and "云溪建许〔2026〕3号" not in html
    assert "承诺时限：5 个工作日" in html
    assert "平均用时 5.5 个工作日，超过承诺时限" in html


@pytest.mark.django_db
def test_result_links_to_its_guide(client, bureau, source):
    item = make_item(bureau)
    _source, token = source
    post(client, token, [record(bureau, 1, item_code=item.code)])
    html = client.get("/approvals/", HTTP_HOST="spj.localhost").content.decode()
    detail = re.search(r'href="(/approvals/\d+/)"', html).group(1)
    page = client.get(detail, HTTP_HOST="spj.localhost").content.decode()
    assert f'href="/approvals/guides/{item.code}/"' in page


@pytest.mark.django_db
def test_unknown_guide_is_404(client, bureau):
    assert client.get("/approvals/guides/NOPE/", HTTP_HOST="spj.localhost").status_code == 404


def admin_login(client, user):
    user.is_staff = True
    user.save()
    client.force_login(user)


@pytest.mark.django_db
def test_platform_admin_creates_a_source_and_sees_its_token_once(client, bureau, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", password="pw")
    client.force_login(superuser)
    response = client.post(
        "/admin/approval-sources/new/",
        {
            "name": "市政务服务审批系统",
            "code": "zwfw",
            "organisations": [bureau.id],
            "active": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    token = re.search(
        r"只显示这一次，请立即交给来源系统）：([\w-]+)", response.content.decode()
    ).group(1)
    source = ApprovalSource.objects.get(code="zwfw")
    assert source.token_hash == hash_token(token) and list(source.organisations.all()) == [bureau]
    assert post(client, token, [record(bureau, 1)], source="zwfw").json()["accepted"] == 1


@pytest.mark.django_db
def test_editors_manage_only_their_own_organisations_items(client, bureau, other_bureau):
    own, foreign = (
        make_item(bureau),
        make_item(other_bureau, code="QLSP-0002", name="企业投资项目核准"),
    )
    editor = make_user("spj_editor", bureau, "editor")
    admin_login(client, editor)
    index = client.get("/admin/approval-items/").content.decode()
    assert "QLSP-0001" in index and "QLSP-0002" not in index
    assert client.get(f"/admin/approval-items/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/approval-items/edit/{foreign.pk}/").status_code in (302, 403, 404)
    form = client.get("/admin/approval-items/new/").content.decode()
    assert bureau.name in form and other_bureau.name not in form


@pytest.mark.django_db
def test_public_has_no_access_to_admin_views(client, bureau):
    make_item(bureau)
    nobody = make_user("nobody")
    admin_login(client, nobody)
    assert client.get("/admin/approval-items/").status_code in (302, 403)
    assert client.get("/admin/approvals/timeliness/").status_code in (302, 403)
    assert client.get("/admin/approval-sources/").status_code in (302, 403)


@pytest.mark.django_db
def test_timeliness_report_page_for_an_organisation_admin(client, bureau, other_bureau, source):
    workdays.clear_cache()
    _source, token = source
    post(client, token, [record(bureau, 1)])
    admin = make_user("spj_admin", bureau, "admin")
    admin_login(client, admin)
    response = client.get("/admin/approvals/timeliness/?date_from=2026-01-01&date_to=2026-12-31")
    html = response.content.decode()
    assert response.status_code == 200
    assert bureau.name in html and other_bureau.name not in html


@pytest.mark.django_db
def test_regenerating_a_token_revokes_the_old_one(client, bureau, source, django_user_model):
    stored, old_token = source
    client.force_login(django_user_model.objects.create_superuser("root", password="pw"))
    response = client.post(
        f"/admin/approval-sources/edit/{stored.pk}/",
        {
            "name": stored.name,
            "code": stored.code,
            "organisations": [bureau.id],
            "active": "on",
            "regenerate_token": "on",
        },
        follow=True,
    )
    new_token = re.search(
        r"新的访问令牌（只显示这一次）：([\w-]+)", response.content.decode()
    ).group(1)
    assert post(client, old_token, [record(bureau, 1)]).status_code == 401
    assert post(client, new_token, [record(bureau, 1)]).status_code == 200
