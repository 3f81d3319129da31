"""Calendar-year recomputation, published replies, captcha image, annual report editing."""

import datetime as dt

import pytest
from captcha.models import CaptchaStore

from cluster.models import CalendarYear
from disclosure.models import AnnualReport, DisclosureRequest
from disclosure.workflow import perform
from tests.helpers import make_organisation, make_user

from .helpers import make_request

D = dt.date


@pytest.fixture
def fgw(db):
    portal = make_organisation("portal", hostname="www.localhost")
    return make_organisation("fgw", hostname="fgw.localhost", parent=portal)


def test_a_flagged_deadline_is_recomputed_when_the_year_is_entered(fgw):
    request = make_request(fgw, D(2026, 12, 15))
    assert request.due_on is None
    assert request.due_flag == "2027年节假日安排尚未录入"
    CalendarYear.objects.create(year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知")
    request.refresh_from_db()
    assert request.due_on == D(2027, 1, 12)
    assert request.due_flag == ""


def test_published_replies_are_listed_with_personal_data_masked(client, fgw):
    head = make_user("fgw_head", fgw, "head")
    drafter = make_user("fgw_drafter", fgw, "officer")
    request = make_request(fgw, D(2026, 9, 29))
    perform(request, "submit_reply", drafter, on=D(2026, 10, 9), kind="disclosed",
            outcome="disclosed", details="提供", publish=True,
            public_summary="申请人（电话13812345678）申请道路改造批复，已公开。")  # fmt: skip
    perform(request, "approve_reply", head, on=D(2026, 10, 9))
    page = client.get("/ysqgk/replies/", HTTP_HOST="fgw.localhost").content.decode()
    assert "申请道路改造批复" in page
    assert "13812345678" not in page
    assert "张三" not in page


def test_captcha_image_is_served(client, fgw):
    key = CaptchaStore.generate_key()
    response = client.get(f"/ysqgk/captcha/image/{key}/", HTTP_HOST="fgw.localhost")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_officer_edits_and_publishes_the_annual_report(client, fgw):
    make_request(fgw, D(2026, 3, 2))
    client.force_login(make_user("fgw_officer", fgw, "officer"))
    url = f"/admin/ysqgk/reports/?org={fgw.pk}&year=2026"
    page = client.get(url).content.decode()
    assert "本年新收政府信息公开申请数量" in page
    client.post(url, {"overview": "总体情况文字", "problems": "", "other_matters": "",
                      "penalty_decisions": 5, "enforcement_decisions": 0, "fees_amount": "0",
                      "published": "on"})  # fmt: skip
    report = AnnualReport.objects.get(organisation=fgw, year=2026)
    assert report.published and report.penalty_decisions == 5
    public = client.get("/ysqgk/annual-report/2026/", HTTP_HOST="fgw.localhost").content.decode()
    assert "总体情况文字" in public
    assert DisclosureRequest.objects.count() == 1


def test_delivery_of_the_reply_is_recorded(client, fgw):
    head = make_user("fgw_head", fgw, "head")
    drafter = make_user("fgw_drafter", fgw, "officer")
    request = make_request(fgw, D(2026, 9, 29))
    perform(request, "submit_reply", drafter, on=D(2026, 10, 9), kind="disclosed",
            outcome="disclosed", details="提供")  # fmt: skip
    perform(request, "approve_reply", head, on=D(2026, 10, 9))
    client.force_login(head)
    url = f"/admin/ysqgk/{request.pk}/delivery/"
    early = client.post(url, {"delivery_method": "EMS", "delivered_on": "2026-10-08"}, follow=True)
    assert "不能早于答复批准日期" in early.content.decode()
    client.post(url, {"delivery_method": "EMS 1234", "delivered_on": "2026-10-12"})
    request.reply.refresh_from_db()
    assert request.reply.delivered_on == D(2026, 10, 12)


def test_applicant_is_told_of_extension_and_reply_by_email(fgw, django_capture_on_commit_callbacks):
    from django.core import mail

    head = make_user("fgw_head", fgw, "head")
    request = make_request(fgw, D(2026, 9, 29))
    with django_capture_on_commit_callbacks(execute=True):
        perform(request, "accept", head, on=D(2026, 9, 30))
        perform(request, "approve_extension", head, on=D(2026, 10, 20), days=20, note="档案量大")
    assert mail.outbox[-1].to == ["zhangsan@example.com"]
    assert "延至 2026-11-30" in mail.outbox[-1].body and "档案量大" in mail.outbox[-1].body


def test_unread_notifications_appear_on_the_admin_dashboard(client, fgw):
    from disclosure import tasks

    officer = make_user("fgw_officer", fgw, "officer")
    make_request(fgw, D(2026, 9, 29))
    tasks.send_deadline_reminders("2026-10-26")
    client.force_login(officer)
    page = client.get("/admin/").content.decode()
    assert "依申请公开提醒" in page and "将于 2026-11-02 到期" in page
