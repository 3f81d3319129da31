"""Workflow rules of issue #13: extension timing, the 15-day consultation pause, one fee basis,
delivery-based payment periods, reply dates, remedy organs, grouped outcomes, numbering."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from cluster.models import OutgoingMail
from disclosure import deadlines, fees, registration, tasks
from disclosure.letters import letter_file
from disclosure.models import (
    FeeNotice,
    OfficerNotification,
    Reply,
    State,
)
from disclosure.views.officer import ReplyForm
from disclosure.workflow import ACTIONS, deadline_of, perform
from tests.helpers import make_organisation, make_user

from .helpers import APPLICANT, make_request

pytestmark = pytest.mark.backends

D = dt.date
RECEIVED = D(2026, 9, 29)  # due 2 November 2026 (National Day holiday in between)


@pytest.fixture
def setup(db):
    portal = make_organisation("portal", hostname="www.localhost", name="云溪市人民政府")
    fgw = make_organisation("fgw", parent=portal, name="云溪市发展和改革委员会")
    return {
        "fgw": fgw,
        "portal": portal,
        "officer": make_user("fgw_officer", fgw, "officer"),
        "head": make_user("fgw_head", fgw, "head"),
        "request": make_request(fgw, RECEIVED),
    }


def reply_data(**fields):
    return {"kind": "disclosed", "outcome": "disclosed", "details": "予以公开，详见附件。"} | fields


def test_extension_after_the_deadline_is_refused(setup):
    request, officer, head = setup["request"], setup["officer"], setup["head"]
    perform(request, "accept", officer, on=D(2026, 9, 30))
    with pytest.raises(ValueError, match="届满前决定"):
        perform(request, "approve_extension", head, note="档案量大", days=10, on=D(2026, 11, 3))
    perform(request, "approve_extension", head, note="档案量大", days=10, on=D(2026, 11, 2))
    request.refresh_from_db()
    assert request.state == State.EXTENDED


def test_third_party_pause_ends_after_fifteen_working_days(setup):
    request, officer = setup["request"], setup["officer"]
    perform(request, "accept", officer, on=D(2026, 9, 30))
    perform(request, "consult_third_party", officer, on=D(2026, 10, 12), note="征求企业意见")
    limit = deadlines.third_party_answer_due(D(2026, 10, 12))
    assert limit == D(2026, 11, 2)
    # no answer by 20 November: only 12 October to 2 November is not counted
    result = deadline_of(request, today=D(2026, 11, 20))
    capped = deadlines.reply_deadline(
        RECEIVED, pauses=[deadlines.Pause(D(2026, 10, 12), limit, "征求第三方意见期间")]
    )
    assert result.due == capped.due
    assert any("15个工作日内答复" in note and "2026-11-02" in note for note in result.notes)
    counted_after = [day for day in result.days if day.date == D(2026, 11, 3)]
    assert counted_after and counted_after[0].counted


def test_lapsed_consultation_resumes_the_clock_and_tells_the_officer(
    setup, django_capture_on_commit_callbacks
):
    request, officer = setup["request"], setup["officer"]
    officer.email = "fgw_officer@example.com"
    officer.save(update_fields=["email"])
    perform(request, "accept", officer, on=D(2026, 9, 30))
    perform(request, "consult_third_party", officer, on=D(2026, 10, 12))
    with pytest.raises(ValueError, match="尚未届满"):
        perform(request, "third_party_lapsed", officer, on=D(2026, 11, 2))
    assert tasks.resume_lapsed_consultations("2026-11-02") == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.resume_lapsed_consultations("2026-11-03") == 1
    request.refresh_from_db()
    assert request.state == State.IN_PROGRESS
    notice = OfficerNotification.objects.get(user=officer, request=request)
    assert "未获答复" in notice.message and "恢复计算" in notice.message
    mail = OutgoingMail.objects.get(subject__contains="恢复计算")
    assert mail.recipients == ["fgw_officer@example.com"]
    assert tasks.resume_lapsed_consultations("2026-11-04") == 0  # nothing twice


def _eleventh_request(setup):
    """The applicant's 11th request to fgw this month: 按件 costs 100元."""
    for day in range(1, 11):
        make_request(setup["fgw"], D(2026, 9, day))
    return setup["request"]


def test_one_fee_basis_per_request_and_no_second_charge(setup):
    request, officer = _eleventh_request(setup), setup["officer"]
    perform(request, "accept", officer, on=D(2026, 9, 30))
    perform(request, "issue_fee_notice", officer, on=D(2026, 10, 12), method="per_page", pages=320)
    perform(request, "fee_paid", officer, on=D(2026, 10, 13))
    with pytest.raises(ValueError, match="不能再次收费"):
        perform(request, "issue_fee_notice", officer, on=D(2026, 10, 14), method="per_request")
    assert request.fee_notices.count() == 1


def test_a_fee_notice_can_be_withdrawn_with_a_record(setup, django_capture_on_commit_callbacks):
    request, officer = _eleventh_request(setup), setup["officer"]
    perform(request, "accept", officer, on=D(2026, 9, 30))
    perform(request, "issue_fee_notice", officer, on=D(2026, 10, 12), method="per_page", pages=320)
    with pytest.raises(ValueError, match="撤回"):
        perform(request, "withdraw_fee_notice", officer, on=D(2026, 10, 13))  # no reason
    with django_capture_on_commit_callbacks(execute=False):
        perform(request, "withdraw_fee_notice", officer, on=D(2026, 10, 13), note="页数计算有误")
    request.refresh_from_db()
    assert request.state == State.IN_PROGRESS
    notice = request.fee_notices.get()
    assert (notice.withdrawn_on, notice.withdrawn_by, notice.withdrawal_reason) == (
        D(2026, 10, 13),
        officer,
        "页数计算有误",
    )
    assert request.transitions.filter(action="withdraw_fee_notice", note__contains="页数计算有误")
    assert OutgoingMail.objects.filter(body__contains="收费通知已撤回").exists()
    perform(request, "issue_fee_notice", officer, on=D(2026, 10, 14), method="per_request")
    live = request.fee_notices.get(withdrawn_on__isnull=True)
    assert (live.method, live.amount) == ("per_request", Decimal(100))
    with transaction.atomic(), pytest.raises(IntegrityError):  # one live notice, in the database
        FeeNotice.objects.create(
            request=request, method="per_request", quantity=11, amount=100, basis="-",
            issued_on=D(2026, 10, 14),
        )  # fmt: skip


def test_monthly_request_count_is_per_organisation(setup):
    czj = make_organisation("czj", parent=setup["portal"])
    for day in range(1, 11):
        make_request(czj, D(2026, 9, day))
    assert fees.applicant_month_rank(setup["request"]) == 1
    assert fees.applicant_month_rank(make_request(czj, D(2026, 9, 30))) == 11


def test_payment_period_runs_from_the_day_the_applicant_receives_the_notice(setup):
    request, officer = _eleventh_request(setup), setup["officer"]
    perform(request, "accept", officer, on=D(2026, 9, 30))
    perform(
        request, "issue_fee_notice", officer, on=D(2026, 10, 12), method="per_page", pages=320,
        delivery="mail",
    )  # fmt: skip
    notice = request.fee_notices.get()
    assert notice.pay_by is None  # posted: the period has not started
    assert tasks.expire_corrections_and_fees("2026-12-31") == 0
    perform(request, "record_fee_delivery", officer, on=D(2026, 10, 16))
    notice.refresh_from_db()
    assert notice.delivered_on == D(2026, 10, 16)
    assert notice.pay_by == deadlines.fee_payment_due(D(2026, 10, 16)) == D(2026, 11, 13)
    online = make_request(setup["fgw"], D(2026, 9, 30))
    perform(online, "accept", officer, on=D(2026, 9, 30))
    perform(online, "issue_fee_notice", officer, on=D(2026, 10, 12), method="per_request")
    assert online.fee_notices.get().pay_by == deadlines.fee_payment_due(D(2026, 10, 12))


def test_a_reply_is_never_dated_before_the_receipt_date(setup):
    fgw, officer, head = setup["fgw"], setup["officer"], setup["head"]
    sunday = D(2026, 10, 18)
    request, _code = registration.register(
        organisation=fgw, submitted_on=sunday, channel="in_person", **APPLICANT
    )
    assert request.received_on == D(2026, 10, 19)
    perform(request, "submit_reply", officer, on=sunday, **reply_data())
    with pytest.raises(ValueError, match="不能早于收到申请日期"):
        perform(request, "approve_reply", head, on=sunday)
    perform(request, "approve_reply", head, on=D(2026, 10, 19))
    request.refresh_from_db()
    assert request.concluded_on == request.reply.approved_on == request.received_on


def test_a_reply_given_before_the_receipt_date_is_dated_on_it(setup, monkeypatch):
    """Filed and answered on a Sunday (no date typed): the reply carries Monday's date."""
    fgw, officer, head = setup["fgw"], setup["officer"], setup["head"]
    sunday = D(2026, 10, 18)
    request, _code = registration.register(
        organisation=fgw, submitted_on=sunday, channel="in_person", **APPLICANT
    )
    perform(request, "submit_reply", officer, on=sunday, **reply_data())
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: sunday)
    perform(request, "approve_reply", head)
    request.refresh_from_db()
    assert request.concluded_on == request.reply.approved_on == D(2026, 10, 19)


def test_letter_names_the_review_organ_and_court_and_indents_paragraphs(setup):
    request, officer, head = setup["request"], setup["officer"], setup["head"]
    setup["fgw"].competent_court = "云溪市溪城区人民法院"  # 机构设置
    setup["fgw"].save()
    perform(request, "accept", officer, on=D(2026, 9, 30))
    perform(request, "submit_reply", officer, on=D(2026, 10, 20), **reply_data())
    perform(request, "approve_reply", head, on=D(2026, 10, 20))
    request.refresh_from_db()
    from disclosure.letters import letter_paragraphs

    _number, paragraphs = letter_paragraphs(request.reply)
    assert paragraphs[0] == "张三："
    assert all(p.startswith("\u3000\u3000") for p in paragraphs[1:])
    remedy = paragraphs[-1]
    assert "六十日内向云溪市人民政府申请行政复议" in remedy
    assert "六个月内向云溪市溪城区人民法院提起行政诉讼" in remedy
    text = "".join(page.extract_text() for page in PdfReader(letter_file(request.reply)).pages)
    assert "云溪市溪城区人民法院" in text.replace("\x00", "").replace("\n", "")


def test_reply_form_groups_outcomes_under_their_headings():
    html = str(ReplyForm()["outcome"])
    assert '<optgroup label="（三）不予公开">' in html
    assert '<optgroup label="（四）无法提供">' in html
    assert html.count("<optgroup") == 6


def test_reply_numbers_come_from_the_counter_and_are_unique(setup):
    fgw, officer, head = setup["fgw"], setup["officer"], setup["head"]
    older = make_request(fgw, D(2026, 9, 28))
    Reply.objects.create(  # issued before the counter existed
        request=older, kind="disclosed", outcome="disclosed", details="-", legal_basis="-",
        document_number="fgw依申复〔2026〕7号", approved_on=D(2026, 9, 28),
    )  # fmt: skip
    numbers = []
    for received in (RECEIVED, D(2026, 9, 30)):
        request = make_request(fgw, received)
        perform(request, "submit_reply", officer, on=D(2026, 10, 20), **reply_data())
        perform(request, "approve_reply", head, on=D(2026, 10, 20))
        request.refresh_from_db()
        numbers.append(request.reply.document_number)
    assert numbers == ["fgw依申复〔2026〕8号", "fgw依申复〔2026〕9号"]
    with transaction.atomic(), pytest.raises(IntegrityError):
        Reply.objects.filter(document_number=numbers[1]).update(document_number=numbers[0])


def test_statutory_numbers_in_messages_come_from_the_constants(setup, monkeypatch):
    request, officer = setup["request"], setup["officer"]
    monkeypatch.setattr(deadlines, "CORRECTION_NOTICE_WORKING_DAYS", 5)
    with pytest.raises(ValueError, match="5个工作日内告知"):
        perform(request, "request_correction", officer, on=D(2026, 11, 20), reply_by=D(2026, 12, 1))


def test_every_handler_belongs_to_an_action_and_each_action_has_at_most_one():
    from disclosure import steps

    assert set(steps.HANDLERS) <= set(ACTIONS)
    with pytest.raises(ValueError, match="already has a handler"):
        steps.handles("approve_extension")(lambda step: "")


def test_entering_a_calendar_year_recomputes_deadlines_once_in_a_celery_task(
    setup, django_capture_on_commit_callbacks
):
    from celery.signals import task_prerun

    from cluster.models import CalendarDay, CalendarYear

    request = make_request(setup["fgw"], D(2026, 12, 15))
    assert request.due_on is None and request.due_flag == "2027年节假日安排尚未录入"
    runs = []

    def count(sender=None, **kwargs):
        if sender.name == "disclosure.tasks.recompute_deadlines":
            runs.append(list(kwargs["args"]))

    task_prerun.connect(count)
    try:
        with django_capture_on_commit_callbacks(execute=True):  # the admin's one save
            year = CalendarYear.objects.create(
                year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知"
            )
            for day in (1, 2, 3):
                CalendarDay.objects.create(
                    calendar_year=year, date=D(2027, 1, day), kind="holiday", name="元旦"
                )
    finally:
        task_prerun.disconnect(count)
    assert runs == [[2027]]
    request.refresh_from_db()
    # 16–31 December give 12 working days; 1–3 January are off; day 20 is 13 January
    assert (request.due_on, request.due_flag) == (D(2027, 1, 13), "")
