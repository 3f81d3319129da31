"""Recompute stored deadlines when an administrator enters or edits a calendar year; freeze
and file an annual report when it is published, take it offline when it is withdrawn."""

import logging

from django.dispatch import receiver
from wagtail.signals import published, unpublished

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


def _annual_report_published(sender, instance, **kwargs):
    from .report_publishing import freeze_and_file

    freeze_and_file(instance)


def _annual_report_unpublished(sender, instance, **kwargs):
    from .report_publishing import take_offline

    take_offline(instance)


def connect_annual_report_receivers():
    """Called from DisclosureConfig.ready(), once the models exist."""
    from .models import AnnualReport

    published.connect(_annual_report_published, sender=AnnualReport, dispatch_uid="report-pub")
    unpublished.connect(
        _annual_report_unpublished, sender=AnnualReport, dispatch_uid="report-unpub"
    )
