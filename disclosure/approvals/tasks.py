"""Periodic jobs: pick up exchange-folder files; withdraw notices past their display period."""

from celery import shared_task
from django.utils import timezone

from .exchange import pick_up
from .models import ApprovalResult, results_changed


@shared_task
def pick_up_exchange_files() -> list[str]:
    """Import every settled file in the exchange folder (safe to run concurrently)."""
    return [summary for _path, summary in pick_up()]


@shared_task
def withdraw_expired_notices() -> int:
    """Take down notices whose display period has ended; returns how many were withdrawn."""
    now = timezone.now()
    expired = ApprovalResult.objects.filter(
        withdrawn_at__isnull=True, display_until__lt=timezone.localdate(now)
    )
    ids = list(expired.values_list("id", flat=True))
    withdrawn = ApprovalResult.objects.filter(id__in=ids).update(withdrawn_at=now)
    if ids:
        results_changed.send(sender=ApprovalResult, ids=ids)
    return withdrawn
