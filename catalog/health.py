"""Site-health check: disclosure items published later than 20 working days after 成文日期 or
变更日期 (catalog.timeliness)."""

from django.urls import reverse

from cluster.health import Finding, Severity, edit_url, register_check
from cluster.models import Organisation

from .timeliness import PUBLISH_WITHIN_WORKING_DAYS, timeliness_rows


@register_check
def late_disclosure_items(context):
    organisation = Organisation.objects.filter(home_page_id=context.root.id).first()
    if organisation is None:
        return
    for row in timeliness_rows(organisation, today=context.today):
        if row.status == "已逾期" and row.item.live:
            yield Finding(
                "late_disclosure_item",
                Severity.DEDUCT,
                f"“{row.item.title}”未在成文或变更后{PUBLISH_WITHIN_WORKING_DAYS}个工作日内公开"
                f"（期限：{row.deadline}）",
                row.item,
                edit_url(row.item),
            )
        elif row.deadline is None:
            yield Finding(
                "calendar_missing",
                Severity.DEDUCT,
                f"“{row.item.title}”的公开期限无法计算：{row.status}",
                fix_url=reverse("catalog_timeliness_report", args=[organisation.id]),
            )
