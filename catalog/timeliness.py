"""Timeliness (条例第二十六条): information is published within 20 working days of being formed
(成文日期) or changed (变更日期).

The publication moment is the system's own: Wagtail's first_published_at, or for a 变更 the time
the changed version went live (InformationChange), never the editable 发布日期. Working days come
from cluster.workdays only. An item is late when published after its deadline, or still
unpublished once the deadline has passed; soon-late when unpublished with at most
SOON_LATE_DAYS working days left.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q
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
    start: dt.date | None = None  # 成文日期, or the 变更日期 that restarted the clock
    published: dt.date | None = None  # the system's publication day of that version


def deadline_for(written_date: dt.date) -> dt.date:
    """Last day to publish something written (or changed) on `written_date` (not counted)."""
    return workdays.add_working_days(written_date, PUBLISH_WITHIN_WORKING_DAYS)


def clock_of(item) -> tuple[dt.date, dt.date | None]:
    """(the day the clock started, the day the system published that version or None).

    A 变更 restarts the clock; its version counts as published when the change went live.
    """
    if item.changed_on:
        change = next((c for c in item.changes.all() if c.changed_on == item.changed_on), None)
        published = timezone.localdate(change.published_at) if change else None
        return item.changed_on, published
    published = item.first_published_at if item.live else None
    return item.written_date, timezone.localdate(published) if published else None


def classify(item, today: dt.date) -> TimelinessRow:
    start, published = clock_of(item)
    try:
        deadline = deadline_for(start)
    except workdays.CalendarYearMissing as missing:
        return TimelinessRow(item, None, str(missing), None, start)
    if published:
        status = "已逾期" if published > deadline else "按时"
        return TimelinessRow(item, deadline, status, None, start, published)
    if today > deadline:
        return TimelinessRow(item, deadline, "已逾期", 0, start)
    left = workdays.working_days_between(today, deadline)
    status = "即将逾期" if left <= SOON_LATE_DAYS else "按时"
    return TimelinessRow(item, deadline, status, left, start)


def timeliness_rows(organisation, today: dt.date | None = None) -> list[TimelinessRow]:
    """The organisation's late and soon-late items, latest written first."""
    from .models import DisclosureItemPage, InformationChange

    today = today or timezone.localdate()
    since = today - dt.timedelta(days=REPORT_WINDOW_DAYS)
    items = (
        DisclosureItemPage.objects.filter(organisation=organisation)
        .filter(Q(live=False) | Q(written_date__gte=since) | Q(changed_on__gte=since))
        .order_by("-written_date", "-pk")
        .prefetch_related(Prefetch("changes", queryset=InformationChange.objects.all()))
    )
    rows = [classify(item, today) for item in items.only(
        "title", "written_date", "changed_on", "first_published_at", "live", "index_number",
        "url_path", "path",
    )]  # fmt: skip
    return [row for row in rows if row.status != "按时"]
