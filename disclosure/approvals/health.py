"""Site-health check: approval results published later than the statutory working days."""

import datetime as dt

from django.urls import reverse

from cluster.health import Finding, Severity, register_check
from cluster.models import Organisation

from .timeliness import DECISION_DAYS, REVOCATION_DAYS, timeliness_report

LOOK_BACK_DAYS = 365


@register_check
def late_approval_results(context):
    organisation = Organisation.objects.filter(home_page_id=context.root.id).first()
    if organisation is None:
        return
    since = context.today - dt.timedelta(days=LOOK_BACK_DAYS)
    [row] = timeliness_report([organisation], since, context.today)
    report_url = reverse("approvals_timeliness")
    if row.late_decisions:
        yield Finding(
            "late_approval_results",
            Severity.DEDUCT,
            f"近一年有{row.late_decisions}条行政许可决定超过{DECISION_DAYS}个工作日才公示",
            fix_url=report_url,
        )
    if row.late_revocations:
        yield Finding(
            "late_approval_revocations",
            Severity.DEDUCT,
            f"近一年有{row.late_revocations}条撤销、注销等状态变更超过{REVOCATION_DAYS}个工作日才公示",
            fix_url=report_url,
        )
