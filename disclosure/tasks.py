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

from cluster import outbox
from cluster.permissions import members
from cluster.workdays import CalendarYearMissing

from . import deadlines
from .models import OfficerNotification, Reminder, State
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
        state=State.AWAITING_FEE, fee_notices__paid_on__isnull=True, fee_notices__pay_by__lt=today
    ).distinct():
        perform(request, "fee_expired", None, on=today, note="申请人逾期未缴纳信息处理费")
        closed += 1
    return closed
