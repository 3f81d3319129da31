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


def notify_role_task_holders(sender, instance, user=None, **kwargs):
    """When an object reaches a step held by an organisation's role (OrganisationRoleTask), the
    holders of that role in its organisation are e-mailed through the outbox (Wagtail's own
    notice only knows GroupApprovalTask groups)."""
    from django.conf import settings
    from django.urls import reverse

    from cluster import outbox
    from cluster.permissions import members, organisation_of

    from .models import OrganisationRoleTask

    task = instance.task.specific
    if not isinstance(task, OrganisationRoleTask):
        return
    obj = instance.workflow_state.content_object
    holders = members(organisation_of(obj), [task.role])
    if user is not None:
        holders = holders.exclude(pk=user.pk)
    url_name = f"wagtailsnippets_{obj._meta.app_label}_{obj._meta.model_name}:edit"
    link = settings.WAGTAILADMIN_BASE_URL + reverse(url_name, args=[obj.pk])
    outbox.queue_mail(
        f"【待审核】{obj}",
        f"{obj}已提交“{task.name}”，请登录管理后台审核：{link}",
        [holder.email for holder in holders],
    )


def connect_annual_report_receivers():
    """Called from DisclosureConfig.ready(), once the models exist."""
    from wagtail.models import TaskState
    from wagtail.signals import task_submitted

    from .models import AnnualReport

    task_submitted.connect(notify_role_task_holders, sender=TaskState, dispatch_uid="role-task")
    published.connect(_annual_report_published, sender=AnnualReport, dispatch_uid="report-pub")
    unpublished.connect(
        _annual_report_unpublished, sender=AnnualReport, dispatch_uid="report-unpub"
    )
