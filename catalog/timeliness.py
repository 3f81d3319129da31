"""Timeliness (条例第二十六条): items published within 20 working days of their 成文日期.

Working days come from cluster.workdays only. An item is late when published after its
deadline, or still unpublished once the deadline has passed; soon-late when unpublished with
at most SOON_LATE_DAYS working days left.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from cluster import workdays

PUBLISH_WITHIN_WORKING_DAYS = 20
SOON_LATE_DAYS = 5
REPORT_WINDOW_DAYS = 366  # published items older than this are settled history


@dataclass
class TimelinessRow:
    item: object
    deadline: dt.date | None
    status: str  # 已逾期 / 即将逾期 / 按时; or the missing-calendar message
    working_days_left: int | None


def deadline_for(written_date: dt.date) -> dt.date:
    """Last day to publish something written on `written_date` (that day not counted)."""
    return workdays.add_working_days(written_date, PUBLISH_WITHIN_WORKING_DAYS)


def classify(item, today: dt.date) -> TimelinessRow:
    try:
        deadline = deadline_for(item.written_date)
    except workdays.CalendarYearMissing as missing:
        return TimelinessRow(item, None, str(missing), None)
    if item.live and item.publish_date:
        status = "已逾期" if item.publish_date > deadline else "按时"
        return TimelinessRow(item, deadline, status, None)
    if today > deadline:
        return TimelinessRow(item, deadline, "已逾期", 0)
    left = workdays.working_days_between(today, deadline)
    status = "即将逾期" if left <= SOON_LATE_DAYS else "按时"
    return TimelinessRow(item, deadline, status, left)


def timeliness_rows(organisation, today: dt.date | None = None) -> list[TimelinessRow]:
    """The organisation's late and soon-late items, latest written first."""
    from .models import DisclosureItemPage

    today = today or timezone.localdate()
    recent = dt.timedelta(days=REPORT_WINDOW_DAYS)
    items = (
        DisclosureItemPage.objects.filter(organisation=organisation)
        .filter(Q(live=False) | Q(written_date__gte=today - recent))
        .order_by("-written_date", "-pk")
    )
    rows = [classify(item, today) for item in items.only(
        "title", "written_date", "publish_date", "live", "index_number", "url_path", "path"
    )]  # fmt: skip
    return [row for row in rows if row.status != "按时"]
