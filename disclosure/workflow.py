"""The state machine of an application: the only code that changes DisclosureRequest.state.

Each action names the statute's step, the states it may start from, the state it leads to and
the organisation permission it needs. Every transition is recorded (who, when, why).
"""

import contextlib
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cluster import workdays
from cluster.outbox import queue_mail
from cluster.permissions import may

from . import deadlines, fees
from .letters import assign_number, template_for
from .models import (
    DisclosureRequest,
    FeeMethod,
    FeeNotice,
    Pause,
    PauseKind,
    Reply,
    State,
    Transition,
)
from .outcomes import ALLOWED_OUTCOMES, OUTCOME_LABELS, ReplyKind

S = State
ACTIVE = (S.IN_PROGRESS, S.EXTENDED)
OPEN_FOR_REPLY = (S.REGISTERED, S.UNDER_REVIEW, S.IN_PROGRESS, S.EXTENDED)
RESUMING = "resume"  # target: back to in_progress, or extended when an extension was approved


class TransitionNotAllowed(Exception):
    """The action cannot be taken from the request's current state."""


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    sources: tuple[str, ...]
    target: str
    permission: str = "handle_requests"
    opens_pause: str | None = None
    closes_pause: str | None = None


ACTIONS = {
    action.key: action
    for action in (
        Action("review", "开始审查", (S.REGISTERED,), S.UNDER_REVIEW),
        Action("request_correction", "告知补正", (S.REGISTERED, S.UNDER_REVIEW), S.CORRECTION_REQUESTED),
        Action("receive_correction", "收到补正", (S.CORRECTION_REQUESTED,), S.IN_PROGRESS),
        Action("correction_expired", "逾期未补正，不再处理", (S.CORRECTION_REQUESTED,), S.CLOSED_WITHOUT_HANDLING),
        Action("accept", "受理办理", (S.REGISTERED, S.UNDER_REVIEW), S.IN_PROGRESS),
        Action("consult_third_party", "征求第三方意见", ACTIVE, S.THIRD_PARTY_CONSULTATION, opens_pause=PauseKind.THIRD_PARTY),
        Action("third_party_answered", "第三方意见已收到", (S.THIRD_PARTY_CONSULTATION,), RESUMING, closes_pause=PauseKind.THIRD_PARTY),
        Action("consult_other_organ", "征求其他机关意见", ACTIVE, S.OTHER_ORGAN_CONSULTATION, opens_pause=PauseKind.OTHER_ORGAN),
        Action("other_organ_answered", "其他机关意见已收到", (S.OTHER_ORGAN_CONSULTATION,), RESUMING, closes_pause=PauseKind.OTHER_ORGAN),
        Action("issue_fee_notice", "发出收费通知", ACTIVE, S.AWAITING_FEE, opens_pause=PauseKind.FEE),
        Action("fee_paid", "已缴费", (S.AWAITING_FEE,), RESUMING, closes_pause=PauseKind.FEE),
        Action("fee_expired", "逾期未缴费，不再处理", (S.AWAITING_FEE,), S.CLOSED_WITHOUT_HANDLING),
        Action("approve_extension", "批准延期答复", (S.IN_PROGRESS,), S.EXTENDED, permission="approve_requests"),
        Action("submit_reply", "提交答复审批", OPEN_FOR_REPLY, S.REPLY_PENDING_APPROVAL),
        Action("return_reply", "退回答复", (S.REPLY_PENDING_APPROVAL,), RESUMING, permission="approve_requests"),
        Action("approve_reply", "批准答复", (S.REPLY_PENDING_APPROVAL,), S.REPLIED, permission="approve_requests"),
        Action("close_other", "其他处理（终止办理）", OPEN_FOR_REPLY, S.CLOSED_WITHOUT_HANDLING),
        Action("transfer", "转交其他机关", (S.REGISTERED, S.UNDER_REVIEW), S.REGISTERED),
    )
}  # fmt: skip

CLOSING_OUTCOMES = {
    "correction_expired": "other_no_correction",
    "fee_expired": "other_unpaid_fee",
    "close_other": "other_other",
}


class DutiesNotSeparated(PermissionDenied):
    """The drafter of a reply tried to approve it."""


def drafted_own_reply(request: DisclosureRequest, user) -> bool:
    """True when `user` drafted the pending reply of `request` and the organisation keeps
    drafting and approving apart (the default; Organisation.single_person_office turns it off)."""
    reply = getattr(request, "reply", None)
    return (
        user is not None
        and reply is not None
        and reply.drafted_by_id == user.pk
        and not request.organisation.single_person_office
    )


def _separation_of_duties(request, reply, user) -> str:
    """Refuse a drafter's own approval; note it in the history when the organisation allows it."""
    if user is None or reply.drafted_by_id != user.pk:
        return ""
    if drafted_own_reply(request, user):
        raise DutiesNotSeparated("答复的起草人不能批准本人起草的答复，请由其他负责人批准。")
    return "本机关设置为公开工作机构仅一人办理，起草人批准本人起草的答复。"


def available_actions(request: DisclosureRequest, user) -> list[Action]:
    """The actions `user` may take on `request` now."""
    return [
        action
        for action in ACTIONS.values()
        if request.state in action.sources
        and may(user, action.permission, request)
        and not (action.key == "approve_reply" and drafted_own_reply(request, user))
    ]


@transaction.atomic
def perform(
    request: DisclosureRequest,
    key: str,
    user,
    *,
    note: str = "",
    on: dt.date | None = None,
    **data,
) -> Transition:
    """Take action `key` on `request` as `user` (None: the system's scheduled jobs).

    Raises PermissionDenied when the user lacks the action's permission in the request's
    organisation, TransitionNotAllowed when the current state does not allow it, and
    ValueError (Chinese message) when the action's data is invalid.
    """
    action = ACTIONS.get(key)
    if action is None:
        raise TransitionNotAllowed(f"未知操作：{key}")
    request = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    if user is not None and not may(user, action.permission, request):
        raise PermissionDenied("无权对该申请执行此操作。")
    if request.state not in action.sources:
        raise TransitionNotAllowed(
            f"“{request.get_state_display()}”状态下不能执行“{action.label}”。"
        )
    on = on or timezone.localdate()
    note = _apply(request, action, on, note, data, user)
    from_state = request.state
    request.state = _target(request, action)
    if request.state in (S.REPLIED, S.CLOSED_WITHOUT_HANDLING):
        request.concluded_on = on
    if action.key in CLOSING_OUTCOMES:
        request.outcome = CLOSING_OUTCOMES[action.key]
    request._in_workflow = True
    try:
        refresh_deadline(request, save=False)
        request.save()
    finally:
        request._in_workflow = False
    transition = Transition.objects.create(
        request=request,
        action=action.key,
        from_state=from_state,
        to_state=request.state,
        actor=user,
        note=note,
    )
    if action.key in APPLICANT_NOTICES:
        _tell_applicant(request, action.key, note)
    return transition


def _target(request, action) -> str:
    if action.target == RESUMING:
        return S.EXTENDED if request.extension_days else S.IN_PROGRESS
    return action.target


def _apply(request, action, on, note, data, user) -> str:
    """Side effects of an action; returns the note recorded in the timeline."""
    if action.opens_pause:
        Pause.objects.create(request=request, kind=action.opens_pause, started_on=on)
    if action.closes_pause:
        request.pauses.filter(kind=action.closes_pause, ended_on__isnull=True).update(ended_on=on)
    if action.key == "request_correction":
        if request.correction_requested:
            raise ValueError("补正只能告知一次（条例第三十条）。")
        if request.correction_notice_due and on > request.correction_notice_due:
            raise ValueError(
                f"补正应在收到申请之日起7个工作日内告知（至 {request.correction_notice_due}），已逾期。"
            )
        reply_by = data.get("reply_by")
        if reply_by is None or reply_by <= on:
            raise ValueError("请填写晚于今天的补正截止日期。")
        request.correction_requested = True
        request.correction_reply_by = reply_by
        note = f"{note}（补正截止 {reply_by.isoformat()}）".strip()
    elif action.key == "receive_correction":
        request.restarted_on = on
        note = f"{note}（答复期限自 {on.isoformat()} 重新起算）".strip()
    elif action.key == "approve_extension":
        days = int(data.get("days") or deadlines.MAX_EXTENSION_WORKING_DAYS)
        if request.extension_days:
            raise ValueError("答复期限只能延长一次。")
        if not 1 <= days <= deadlines.MAX_EXTENSION_WORKING_DAYS:
            raise ValueError("延长期限应为1至20个工作日。")
        if not note:
            raise ValueError("请填写延期理由。")
        request.extension_days = days
        note = f"延长{days}个工作日：{note}"
    elif action.key == "transfer":
        target = data.get("organisation")
        if target is None or target == request.organisation:
            raise ValueError("请选择接收申请的其他机关。")
        note = f"由{request.organisation}转交{target}：{note}".strip("：")
        request.organisation = target
    elif action.key == "issue_fee_notice":
        notice = _fee_notice(request, on, data)
        note = f"{notice.basis}缴费期限 {notice.pay_by.isoformat()}。{note}".strip()
    elif action.key == "fee_paid":
        request.fee_notices.filter(paid_on__isnull=True).update(paid_on=on)
    elif action.key == "submit_reply":
        note = _draft_reply(request, user, note, data)
    elif action.key == "approve_reply":
        reply = request.reply
        note = f"{_separation_of_duties(request, reply, user)}{note}"
        reply.approved_by, reply.approved_on = user, on
        request.outcome = reply.outcome
        assign_number(reply)
        note = f"{note}（答复书文号：{reply.document_number}）".strip()
    elif action.key in ("close_other",) and not note:
        raise ValueError("请填写终止办理的理由。")
    return note


APPLICANT_NOTICES = {
    "request_correction": "您的政府信息公开申请（{number}）需要补正，请于 {correction_reply_by} 前补正。{note}",
    "approve_extension": "您的政府信息公开申请（{number}）经批准延期答复，答复期限延至 {due}。{note}",
    "issue_fee_notice": "您的政府信息公开申请（{number}）需缴纳信息处理费。{note}",
    "approve_reply": "您的政府信息公开申请（{number}）已答复，答复书文号：{document_number}。",
}


def _tell_applicant(request, key, note) -> None:
    """Queue the applicant's e-mail in the transition's transaction (statute: the applicant is
    told); the outbox sends it once the transition commits."""
    reply = getattr(request, "reply", None)
    body = APPLICANT_NOTICES[key].format(
        number=request.number,
        correction_reply_by=request.correction_reply_by,
        due=request.due_on,
        note=note,
        document_number=reply.document_number if reply else "",
    )
    queue_mail(f"{request.organisation.name}政府信息公开申请办理通知", body, [request.email])


def _fee_notice(request, on, data) -> FeeNotice:
    """Issue a 收费通知 per request or per page (never both), with its payment period."""
    method = data.get("method")
    if method == FeeMethod.PER_PAGE:
        pages = int(data.get("pages") or 0)
        if pages <= 0:
            raise ValueError("按量计收请填写页数。")
        fee, quantity = fees.per_page_fee(pages), pages
    elif method == FeeMethod.PER_REQUEST:
        quantity = fees.applicant_month_rank(request)
        fee = fees.per_request_fee(quantity)
    else:
        raise ValueError("请选择计收方式（按件或按量，二者只能选其一）。")
    if fee.amount <= 0:
        raise ValueError(f"{fee.basis}无需收费。")
    return FeeNotice.objects.create(
        request=request,
        method=method,
        quantity=quantity,
        amount=fee.amount,
        basis=fee.basis,
        issued_on=on,
        pay_by=workdays.add_working_days(on, settings.DISCLOSURE_FEE_PAYMENT_WORKING_DAYS),
    )


def _draft_reply(request, user, note, data) -> str:
    """Create or replace the draft reply: reply kind and the exact table 三 outcome row."""
    kind, outcome = data.get("kind"), data.get("outcome")
    if kind not in ReplyKind.values:
        raise ValueError("请选择答复类型。")
    if outcome not in ALLOWED_OUTCOMES[kind]:
        raise ValueError(
            f"“{ReplyKind(kind).label}”的答复不能统计为“{OUTCOME_LABELS.get(outcome, outcome)}”。"
        )
    if not data.get("details"):
        raise ValueError("请填写答复内容。")
    reply, _created = Reply.objects.update_or_create(
        request=request,
        defaults={
            "kind": kind,
            "outcome": outcome,
            "details": data["details"],
            "legal_basis": data.get("legal_basis") or template_for(kind).legal_basis,
            "drafted_by": user,
            "publish": bool(data.get("publish")),
            "public_summary": data.get("public_summary", ""),
        },
    )
    for upload in data.get("files") or ():
        reply.attachments.create(file=upload, name=upload.name[:200])
    return f"{ReplyKind(kind).label}；年报统计：{OUTCOME_LABELS[outcome]}。{note}".strip()


def pauses_of(request: DisclosureRequest, today: dt.date | None = None) -> list[deadlines.Pause]:
    """The request's not-counted ranges; an open pause runs up to `today` for the forecast."""
    today = today or timezone.localdate()
    return [
        deadlines.Pause(
            pause.started_on,
            pause.ended_on or max(today, pause.started_on),
            f"{pause.get_kind_display()}期间",
        )
        for pause in (request.pauses.all() if request.pk else [])
    ]


def deadline_of(request: DisclosureRequest, today: dt.date | None = None) -> deadlines.Deadline:
    """The request's reply deadline with its breakdown."""
    return deadlines.reply_deadline(
        request.received_on,
        pauses=pauses_of(request, today),
        extension_days=request.extension_days,
        restarted=request.restarted_on,
    )


def refresh_deadline(request: DisclosureRequest, *, save: bool = True) -> None:
    """Store the due date (or the missing-calendar flag) on the request."""
    result = deadline_of(request)
    request.due_on, request.due_flag = result.due, result.flag
    if request.correction_notice_due is None:
        # a missing calendar year is already flagged by the reply deadline
        with contextlib.suppress(workdays.CalendarYearMissing):
            request.correction_notice_due = deadlines.correction_notice_due(request.received_on)
    if save:
        DisclosureRequest.objects.filter(pk=request.pk).update(
            due_on=request.due_on,
            due_flag=request.due_flag,
            correction_notice_due=request.correction_notice_due,
        )
