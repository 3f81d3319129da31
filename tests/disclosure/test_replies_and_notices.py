"""After the reply: published replies (masked), recorded delivery, notices to applicant and officers."""

import datetime as dt

from disclosure.workflow import perform
from tests.helpers import make_user

from .helpers import make_request

D = dt.date


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
