"""The state machine of an application: the only code that changes DisclosureRequest.state.

Each action names the statute's step, the states it may start from, the state it leads to and
the organisation permission it needs: the machine is data. What an action does besides moving
the state lives in one handler per action (disclosure.steps registry), looked up by its key.
Every transition is recorded (who, when, why).
"""

import contextlib
import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cluster import workdays
from cluster.outbox import queue_mail
from cluster.permissions import may

from . import deadlines, fee_notices, steps  # noqa: F401 - fee_notices registers handlers
from .letters import assign_number, template_for
from .models import (
    CONCLUDED_STATES,
    DisclosureRequest,
    Pause,
    PauseKind,
    Reply,
    State,
    Transition,
)
from .outcomes import ALLOWED_OUTCOMES, OUTCOME_LABELS, ReplyKind
from .steps import Step, handles

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
        Action("third_party_lapsed", "第三方逾期未答复，恢复计算", (S.THIRD_PARTY_CONSULTATION,), RESUMING, closes_pause=PauseKind.THIRD_PARTY),
        Action("consult_other_organ", "征求其他机关意见", ACTIVE, S.OTHER_ORGAN_CONSULTATION, opens_pause=PauseKind.OTHER_ORGAN),
        Action("other_organ_answered", "其他机关意见已收到", (S.OTHER_ORGAN_CONSULTATION,), RESUMING, closes_pause=PauseKind.OTHER_ORGAN),
        Action("issue_fee_notice", "发出收费通知", ACTIVE, S.AWAITING_FEE, opens_pause=PauseKind.FEE),
        Action("record_fee_delivery", "登记收费通知送达", (S.AWAITING_FEE,), S.AWAITING_FEE),
        Action("fee_paid", "已缴费", (S.AWAITING_FEE,), RESUMING, closes_pause=PauseKind.FEE),
        Action("withdraw_fee_notice", "撤回收费通知", (S.AWAITING_FEE,), RESUMING, closes_pause=PauseKind.FEE),
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
    dated_by_user, on = on is not None, on or timezone.localdate()
    target = _target(request, action)
    if target in CONCLUDED_STATES and on < request.received_on:
        # A submission on a non-working day is received on the next working day: the reply
        # (and the date the report counts it on) can never be earlier than that.
        if dated_by_user:
            raise ValueError(
                f"办结日期不能早于收到申请日期（{request.received_on:%Y年%m月%d日}），"
                "请将日期改为收到申请之日或以后。"
            )
        on = request.received_on  # answered before the receipt date: dated on the receipt date
    _open_or_close_pause(request, action, on)
    note = steps.handle(steps.Step(request, key, on, user, note, data))
    from_state = request.state
    request.state = _target(request, action)
    if request.state in CONCLUDED_STATES:
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


def _open_or_close_pause(request, action, on) -> None:
    if action.opens_pause:
        Pause.objects.create(request=request, kind=action.opens_pause, started_on=on)
    if action.closes_pause:
        request.pauses.filter(kind=action.closes_pause, ended_on__isnull=True).update(ended_on=on)


# --- one handler per action (registered in disclosure.steps; fees in disclosure.fee_notices) ---


@handles("request_correction")
def _request_correction(step: Step) -> str:
    """告知补正 once, within 7 working days of receipt (第三十条)."""
    request, on = step.request, step.on
    if request.correction_requested:
        raise ValueError("补正只能告知一次（条例第三十条）。")
    if request.correction_notice_due and on > request.correction_notice_due:
        raise ValueError(
            f"补正应在收到申请之日起{deadlines.CORRECTION_NOTICE_WORKING_DAYS}个工作日内告知"
            f"（至 {request.correction_notice_due}），已逾期。"
        )
    reply_by = step.data.get("reply_by")
    if reply_by is None or reply_by <= on:
        raise ValueError("请填写晚于今天的补正截止日期。")
    request.correction_requested = True
    request.correction_reply_by = reply_by
    return f"{step.note}（补正截止 {reply_by.isoformat()}）".strip()


@handles("receive_correction")
def _receive_correction(step: Step) -> str:
    """The corrected application restarts the reply period (第三十条)."""
    step.request.restarted_on = step.on
    return f"{step.note}（答复期限自 {step.on.isoformat()} 重新起算）".strip()


@handles("third_party_lapsed")
def _third_party_lapsed(step: Step) -> str:
    """No answer within 15 working days (第三十二条): the clock runs again."""
    pause = step.request.pauses.filter(kind=PauseKind.THIRD_PARTY).order_by("-started_on").first()
    limit = deadlines.third_party_answer_due(pause.started_on)
    if step.on <= limit:
        raise ValueError(f"第三方答复期限（{limit.isoformat()}）尚未届满。")
    return (
        f"第三方未在{deadlines.THIRD_PARTY_WORKING_DAYS}个工作日内（至 {limit.isoformat()}）"
        f"答复，自次日起恢复计算答复期限。{step.note}"
    ).strip()


@handles("approve_extension")
def _approve_extension(step: Step) -> str:
    """延期 once, at most 20 working days, decided before the current deadline (第三十三条)."""
    request, most = step.request, deadlines.MAX_EXTENSION_WORKING_DAYS
    days = int(step.data.get("days") or most)
    if request.extension_days:
        raise ValueError("答复期限只能延长一次。")
    if not 1 <= days <= most:
        raise ValueError(f"延长期限应为1至{most}个工作日。")
    due = deadline_of(request, step.on).due
    if due is not None and step.on > due:
        raise ValueError(
            f"延期须在答复期限（{due.isoformat()}）届满前决定；期限已过，不能再批准延期。"
        )
    if not step.note:
        raise ValueError("请填写延期理由。")
    request.extension_days = days
    return f"延长{days}个工作日：{step.note}"


@handles("transfer")
def _transfer(step: Step) -> str:
    request, target = step.request, step.data.get("organisation")
    if target is None or target == request.organisation:
        raise ValueError("请选择接收申请的其他机关。")
    note = f"由{request.organisation}转交{target}：{step.note}".strip("：")
    request.organisation = target
    return note


@handles("submit_reply")
def _submit_reply(step: Step) -> str:
    return _draft_reply(step.request, step.user, step.note, step.data)


@handles("approve_reply")
def _approve_reply(step: Step) -> str:
    duties_note = _separation_of_duties(step.request, step.request.reply, step.user)
    request, reply = step.request, step.request.reply
    reply.approved_by, reply.approved_on = step.user, step.on
    request.outcome = reply.outcome
    assign_number(reply)
    return f"{duties_note}{step.note}（答复书文号：{reply.document_number}）".strip()


@handles("close_other")
def _close_other(step: Step) -> str:
    if not step.note:
        raise ValueError("请填写终止办理的理由。")
    return step.note


APPLICANT_NOTICES = {
    "request_correction": "您的政府信息公开申请（{number}）需要补正，请于 {correction_reply_by} 前补正。{note}",
    "approve_extension": "您的政府信息公开申请（{number}）经批准延期答复，答复期限延至 {due}。{note}",
    "issue_fee_notice": "您的政府信息公开申请（{number}）需缴纳信息处理费。{note}",
    "withdraw_fee_notice": "您的政府信息公开申请（{number}）的收费通知已撤回。{note}",
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
    result = []
    for pause in request.pauses.all() if request.pk else []:
        end, reason = (
            pause.ended_on or max(today, pause.started_on),
            f"{pause.get_kind_display()}期间",
        )
        if pause.kind == PauseKind.THIRD_PARTY:  # at most 15 working days (第三十二条)
            result.append(deadlines.third_party_pause(pause.started_on, end, reason))
        else:
            result.append(deadlines.Pause(pause.started_on, end, reason))
    return result


def deadline_of(
    request: DisclosureRequest, today: dt.date | None = None, *, pauses=None
) -> deadlines.Deadline:
    """The request's reply deadline with its breakdown (`pauses`: already known, not read)."""
    return deadlines.reply_deadline(
        request.received_on,
        pauses=pauses_of(request, today) if pauses is None else pauses,
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
