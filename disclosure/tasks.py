"""Scheduled jobs of on-request disclosure (Celery beat entries in settings).

Idempotent through the database: a reminder's notices and its e-mail (queued in the outbox)
are written in the transaction that creates its unique Reminder row (request, kind, due date)
and marks it sent, so a second run sends nothing and a run killed mid-way rolls back only the
request it was on, which the next run sends.
Expiries are state transitions, so a second run finds nothing left to expire.
"""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cluster import outbox, workdays
from cluster.models import Organisation
from cluster.permissions import members
from cluster.workdays import CalendarYearMissing

from . import captcha_field, deadlines, report_publishing
from .models import (
    AnnualReport,
    AnnualReportReminder,
    OfficerNotification,
    PauseKind,
    Reminder,
    State,
)
from .models.requests import DisclosureRequest
from .workflow import perform

# States in which the reply clock runs (paused states wait for the applicant or others).
RUNNING = (State.REGISTERED, State.UNDER_REVIEW, State.IN_PROGRESS, State.EXTENDED,
           State.REPLY_PENDING_APPROVAL)  # fmt: skip


def _notify(request, kind, users, subject, message) -> bool:
    """Send once per (request, kind, due date); True when sent by this call."""
    with transaction.atomic():
        reminder, _created = Reminder.objects.select_for_update().get_or_create(
            request=request, kind=kind, due_on=request.due_on
        )
        if reminder.sent_at is not None:
            return False
        users = list(users)
        for user in users:
            OfficerNotification.objects.create(user=user, request=request, message=message)
        outbox.queue_mail(subject, message, [user.email for user in users])
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["sent_at"])
    return True


@shared_task
def send_deadline_reminders(today: str | None = None) -> int:
    """Remind officers N working days before the due date; escalate overdue ones to the head."""
    today = dt.date.fromisoformat(today) if today else timezone.localdate()
    sent = 0
    for request in (
        DisclosureRequest.objects.filter(state__in=RUNNING, due_on__isnull=False)
        .select_related("organisation")
        .order_by("due_on", "pk")  # most urgent first; a fixed order makes reruns predictable
    ):
        try:
            left = deadlines.working_days_until(today, request.due_on)
        except CalendarYearMissing:
            continue
        sent += _remind(request, left)
    return sent


def _remind(request, left: int) -> int:
    if left < 0:
        message = (
            f"申请 {request.number} 已超过答复期限 {request.due_on:%Y-%m-%d}（逾期{-left}个工作日），"
            "请督促办理。"
        )
        users = members(request.organisation, ["head"])
        return int(_notify(request, "overdue", users, f"【逾期】{message}", message))
    sent = 0
    for days in sorted(settings.DISCLOSURE_REMINDER_WORKING_DAYS):
        if left <= days:
            message = (
                f"申请 {request.number} 将于 {request.due_on:%Y-%m-%d} 到期"
                f"（剩余{left}个工作日），请及时答复。"
            )
            users = members(request.organisation, ["officer", "head"])
            sent += _notify(request, f"before_{days}", users, f"【到期提醒】{message}", message)
            break  # only the nearest threshold; wider ones already passed or are moot
    return sent


@shared_task
def expire_corrections_and_fees(today: str | None = None) -> int:
    """Close requests whose 补正 or fee payment period has lapsed (reported as 其他处理)."""
    today = dt.date.fromisoformat(today) if today else timezone.localdate()
    closed = 0
    for request in DisclosureRequest.objects.filter(
        state=State.CORRECTION_REQUESTED, correction_reply_by__lt=today
    ):
        perform(request, "correction_expired", None, on=today, note="申请人逾期未补正")
        closed += 1
    for request in DisclosureRequest.objects.filter(
        state=State.AWAITING_FEE,
        fee_notices__paid_on__isnull=True,
        fee_notices__withdrawn_on__isnull=True,
        fee_notices__pay_by__lt=today,
    ).distinct():
        perform(request, "fee_expired", None, on=today, note="申请人逾期未缴纳信息处理费")
        closed += 1
    return closed


@shared_task
def send_annual_report_reminders(today: str | None = None) -> int:
    """Remind organisations whose report on last year is unpublished as the deadline nears.

    Sent at each of `DISCLOSURE_ANNUAL_REPORT_REMINDER_DAYS` (calendar days before the deadline
    of 条例第四十九条) and once when it has passed; each at most once (AnnualReportReminder row).
    """
    today = dt.date.fromisoformat(today) if today else timezone.localdate()
    year = today.year - 1
    published = set(
        AnnualReport.objects.filter(year=year, live=True).values_list("organisation_id", flat=True)
    )
    sent = 0
    for organisation in Organisation.objects.exclude(pk__in=published).order_by("pk"):
        deadline = report_publishing.deadline_for(organisation, year)
        left = (deadline - today).days
        if left < 0:
            kind, subject = "overdue", f"【逾期】{year}年政府信息公开工作年度报告尚未发布"
            message = f"{organisation.name}{year}年政府信息公开工作年度报告应于{deadline:%Y年%m月%d日}前发布，现已逾期，请尽快发布。"
        else:
            days = [d for d in sorted(settings.DISCLOSURE_ANNUAL_REPORT_REMINDER_DAYS) if left <= d]
            if not days:
                continue
            kind, subject = f"before_{days[0]}", f"【提醒】{year}年政府信息公开工作年度报告发布期限"
            message = f"{organisation.name}{year}年政府信息公开工作年度报告应于{deadline:%Y年%m月%d日}前发布（还有{left}天），请及时审核发布。"
        sent += _remind_report(organisation, year, kind, subject, message)
    return sent


def _remind_report(organisation, year, kind, subject, message) -> int:
    with transaction.atomic():
        reminder, _created = AnnualReportReminder.objects.select_for_update().get_or_create(
            organisation=organisation, year=year, kind=kind
        )
        if reminder.sent_at is not None:
            return 0
        users = members(organisation, ["admin", "head"])
        outbox.queue_mail(subject, message, [user.email for user in users])
        reminder.sent_at = timezone.now()
        reminder.save(update_fields=["sent_at"])
    return 1


@shared_task
def resume_lapsed_consultations(today: str | None = None) -> int:
    """Resume the clock of consultations the third party left unanswered for 15 working days
    (条例第三十二条) and tell the officers, in one transaction per request (a rerun finds the
    request resumed and sends nothing twice)."""
    today = dt.date.fromisoformat(today) if today else timezone.localdate()
    resumed = 0
    for request in DisclosureRequest.objects.filter(
        state=State.THIRD_PARTY_CONSULTATION
    ).select_related("organisation"):
        pause = request.pauses.filter(kind=PauseKind.THIRD_PARTY, ended_on__isnull=True).first()
        try:
            limit = deadlines.third_party_answer_due(pause.started_on) if pause else None
        except CalendarYearMissing:
            continue
        if limit is None or today <= limit:
            continue
        with transaction.atomic():
            perform(request, "third_party_lapsed", None, on=today)
            request.refresh_from_db()
            message = (
                f"申请 {request.number} 征求第三方意见已满{deadlines.THIRD_PARTY_WORKING_DAYS}个"
                f"工作日（至 {limit:%Y-%m-%d}）未获答复，答复期限恢复计算，现为 "
                f"{request.due_on:%Y-%m-%d}，请依法自行决定。"
            )
            users = members(request.organisation, ["officer"])
            _notify(request, "third_party_lapsed", users, f"【恢复计算】{message}", message)
        resumed += 1
    return resumed


@shared_task
def recompute_deadlines(year: int) -> int:
    """Stored due dates of open requests after `year`'s holiday arrangement was saved
    (queued once per save by disclosure.signals; recomputing twice gives the same dates)."""
    from .signals import recompute_open_deadlines

    workdays.clear_cache()  # this worker may have checked the shared version a moment ago
    return recompute_open_deadlines(year)


@shared_task
def remove_expired_captchas() -> int:
    """Delete the application form's expired captcha challenges (the form no longer does)."""
    return captcha_field.remove_expired()
