"""The state machine: statute-named steps, recorded transitions, permissions, deadline effects."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from disclosure.letters import letter_file
from disclosure.models import DisclosureRequest, State
from disclosure.workflow import TransitionNotAllowed, available_actions, deadline_of, perform
from tests.helpers import make_user

from .helpers import make_request

pytestmark = pytest.mark.backends

D = dt.date


@pytest.fixture
def setup(fgw, czj, officer, head):
    return {
        "fgw": fgw,
        "czj": czj,
        "officer": officer,
        "head": head,
        "other_officer": make_user("czj_officer", czj, "officer"),
        "request": make_request(fgw, D(2026, 9, 29)),
    }


def reply_data():
    return {
        "kind": "partial",
        "outcome": "partial",
        "details": "部分信息涉及商业秘密，已删除后提供。",
    }


def test_full_path_with_consultation_extension_and_approved_reply(
    setup, django_capture_on_commit_callbacks
):
    request, officer, head = setup["request"], setup["officer"], setup["head"]
    assert request.due_on == D(2026, 11, 2)
    perform(request, "accept", officer, on=D(2026, 9, 30))
    perform(request, "consult_third_party", officer, on=D(2026, 10, 8), note="征求企业意见")
    perform(request, "third_party_answered", officer, on=D(2026, 10, 12))
    request.refresh_from_db()
    assert request.state == State.IN_PROGRESS
    assert request.due_on == D(2026, 11, 6)  # 8, 9, 10 (调休) and 12 October not counted
    perform(
        request, "approve_extension", head, on=D(2026, 10, 30), note="需要检索大量档案", days=20
    )
    request.refresh_from_db()
    assert request.state == State.EXTENDED
    assert request.due_on == D(2026, 12, 4)
    perform(request, "submit_reply", officer, on=D(2026, 11, 20), **reply_data())
    with django_capture_on_commit_callbacks(execute=True):
        perform(request, "approve_reply", head, on=D(2026, 11, 23))
    request.refresh_from_db()
    assert request.state == State.REPLIED
    assert request.outcome == "partial"
    assert request.concluded_on == D(2026, 11, 23)
    reply = request.reply
    assert reply.document_number == "fgw依申复〔2026〕1号"
    text = (
        PdfReader(letter_file(reply)).pages[0].extract_text().replace(" ", "").replace("\x00", "")
    )
    assert "政府信息公开申请答复书" in text
    assert "六十日内" in text and "六个月内" in text  # remedy clause
    assert "第三十七条" in text  # legal basis of partial disclosure
    steps = list(request.transitions.values_list("action", "actor__username"))
    assert steps == [
        ("register", None),
        ("accept", "fgw_officer"),
        ("consult_third_party", "fgw_officer"),
        ("third_party_answered", "fgw_officer"),
        ("approve_extension", "fgw_head"),
        ("submit_reply", "fgw_officer"),
        ("approve_reply", "fgw_head"),
    ]


def test_breakdown_names_the_paused_days(setup):
    request, officer = setup["request"], setup["officer"]
    perform(request, "accept", officer, on=D(2026, 9, 30))
    perform(request, "issue_fee_notice", officer, on=D(2026, 10, 8), method="per_page", pages=150)
    request.refresh_from_db()
    assert request.state == State.AWAITING_FEE
    notice = request.fee_notices.get()
    assert notice.amount == 1700  # 70 pages x 10 + 50 pages x 20
    perform(request, "fee_paid", officer, on=D(2026, 10, 9))
    reasons = {day.date: day.reason for day in deadline_of(request).days}
    assert reasons[D(2026, 10, 8)] == "缴纳信息处理费期间，不计入"
    assert request.fee_notices.get().paid_on == D(2026, 10, 9)


def test_illegal_transitions_are_impossible(setup):
    request, head = setup["request"], setup["head"]
    with pytest.raises(TransitionNotAllowed, match="已登记"):
        perform(request, "approve_reply", head)
    request.state = State.REPLIED
    with pytest.raises(ValidationError):
        request.save()
    assert DisclosureRequest.objects.get().state == State.REGISTERED


def test_another_organisations_officer_is_refused(setup):
    with pytest.raises(PermissionDenied):
        perform(setup["request"], "accept", setup["other_officer"])
    assert available_actions(setup["request"], setup["other_officer"]) == []


def test_only_the_head_of_office_approves_extensions_and_replies(setup):
    request, officer = setup["request"], setup["officer"]
    perform(request, "accept", officer, on=D(2026, 9, 30))
    with pytest.raises(PermissionDenied):
        perform(request, "approve_extension", officer, note="理由")
    perform(request, "submit_reply", officer, **reply_data())
    with pytest.raises(PermissionDenied):
        perform(request, "approve_reply", officer)
    assert "approve_reply" not in [a.key for a in available_actions(request, officer)]


def test_extension_once_and_at_most_twenty_days(setup):
    request, officer, head = setup["request"], setup["officer"], setup["head"]
    perform(request, "accept", officer, on=D(2026, 9, 30))
    before_due = D(2026, 10, 30)
    with pytest.raises(ValueError, match="1至20个工作日"):
        perform(request, "approve_extension", head, note="理由", days=21, on=before_due)
    with pytest.raises(ValueError, match="延期理由"):
        perform(request, "approve_extension", head, days=10, on=before_due)
    perform(request, "approve_extension", head, note="理由", days=10, on=before_due)
    request.refresh_from_db()
    assert request.extension_days == 10


def test_correction_once_within_seven_working_days_and_period_restarts(setup):
    request, officer = setup["request"], setup["officer"]
    assert request.correction_notice_due == D(2026, 10, 14)
    perform(request, "request_correction", officer, on=D(2026, 9, 30), reply_by=D(2026, 10, 16))
    perform(request, "receive_correction", officer, on=D(2026, 10, 9))
    request.refresh_from_db()
    assert request.restarted_on == D(2026, 10, 9)
    assert request.due_on == D(2026, 11, 5)


def test_correction_after_seven_working_days_is_refused(setup):
    with pytest.raises(ValueError, match="7个工作日内"):
        perform(
            setup["request"], "request_correction", setup["officer"],
            on=D(2026, 10, 15), reply_by=D(2026, 10, 30),
        )  # fmt: skip


def test_reply_outcome_must_fit_the_reply_kind(setup):
    request, officer = setup["request"], setup["officer"]
    with pytest.raises(ValueError, match="不能统计为"):
        perform(
            request,
            "submit_reply",
            officer,
            kind="disclosed",
            outcome="withheld_secret",
            details="x",
        )
    assert DisclosureRequest.objects.get().state == State.REGISTERED


def test_fee_per_request_under_the_free_allowance_is_refused(setup):
    request, officer = setup["request"], setup["officer"]
    perform(request, "accept", officer, on=D(2026, 9, 30))
    with pytest.raises(ValueError, match="无需收费"):
        perform(request, "issue_fee_notice", officer, method="per_request")


def test_transfer_to_another_organisation_is_explicit(setup):
    request = setup["request"]
    perform(request, "transfer", setup["officer"], organisation=setup["czj"], note="属财政局职责")
    request.refresh_from_db()
    assert request.organisation == setup["czj"]
    assert "转交" in request.transitions.last().note
    with pytest.raises(PermissionDenied):
        perform(request, "accept", setup["officer"])
    perform(request, "accept", setup["other_officer"])
