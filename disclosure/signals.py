"""Recompute stored deadlines when an administrator enters or edits a calendar year."""

import logging

from django.dispatch import receiver

from cluster.workdays import calendar_year_changed

logger = logging.getLogger(__name__)


@receiver(calendar_year_changed)
def queue_deadline_recompute(sender, year, **kwargs):
    """Recompute in a Celery task: the signal comes once per saved year, after its commit."""
    from .tasks import recompute_deadlines

    try:
        recompute_deadlines.apply_async((year,), ignore_result=True)
    except Exception as error:  # broker unreachable: run here rather than keep stale dates
        logger.warning("Deadline recompute for %s runs in-process: %s", year, error)
        recompute_deadlines(year)


def recompute_open_deadlines(year: int) -> int:
    """Open requests whose deadline was flagged or may reach `year` get a new due date."""
    from .models import CONCLUDED_STATES, DisclosureRequest
    from .workflow import refresh_deadline

    count = 0
    for request in DisclosureRequest.objects.exclude(state__in=CONCLUDED_STATES).filter(
        received_on__year__gte=year - 1
    ):
        refresh_deadline(request)
        count += 1
    return count
