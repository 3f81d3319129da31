"""Timeliness of publication: decisions within 7 working days, revocations within 5.

Counted on the official calendar (cluster.workdays): the decision (or status-change) date is
not counted, day 1 is the next working day, and the notice is late when the date it went
public lies after the last allowed working day.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from django.utils import timezone

from cluster.workdays import CalendarYearMissing, add_working_days, working_days_between

from .fields import INVALID_STATUSES
from .models import ApprovalResult

DECISION_DAYS = 7
REVOCATION_DAYS = 5


@dataclass
class LateNotice:
    id: int
    number: str
    kind: str  # 许可决定 / 状态变更
    base_date: dt.date
    due: dt.date
    published: dt.date
    working_days: int


@dataclass
class OrganisationTimeliness:
    organisation: object
    decisions: int = 0
    late_decisions: int = 0
    revocations: int = 0
    late_revocations: int = 0
    unknown: list[str] = field(default_factory=list)  # could not be judged, and why
    late: list[LateNotice] = field(default_factory=list)


@cache
def _due(base: dt.date, days: int) -> dt.date:
    return add_working_days(base, days)


def _check(row: OrganisationTimeliness, kind, pk, number, base, published_at, days) -> bool | None:
    published = timezone.localdate(published_at)
    try:
        due = _due(base, days)
    except CalendarYearMissing as missing:
        row.unknown.append(f"{number}：{missing}")
        return None
    if published <= due:
        return False
    row.late.append(
        LateNotice(pk, number, kind, base, due, published, working_days_between(base, published))
    )
    return True


def timeliness_report(organisations, date_from: dt.date, date_to: dt.date):
    """Per organisation: decisions (by decision date) and status changes in the period."""
    _due.cache_clear()
    rows = {organisation.id: OrganisationTimeliness(organisation) for organisation in organisations}
    decisions = ApprovalResult.objects.filter(
        organisation_id__in=rows, decision_date__range=(date_from, date_to)
    ).values_list(
        "id", "organisation_id", "decision_document_number", "decision_date", "published_at"
    )
    for pk, organisation_id, number, decided, published_at in decisions.iterator(chunk_size=5000):
        row = rows[organisation_id]
        row.decisions += 1
        row.late_decisions += bool(
            _check(row, "许可决定", pk, number, decided, published_at, DECISION_DAYS)
        )
    changes = ApprovalResult.objects.filter(
        organisation_id__in=rows,
        status__in=INVALID_STATUSES,
        status_published_at__isnull=False,
        status_date__range=(date_from, date_to),
    ).values_list(
        "id", "organisation_id", "decision_document_number", "status_date", "status_published_at"
    )
    for pk, organisation_id, number, changed, published_at in changes.iterator(chunk_size=5000):
        row = rows[organisation_id]
        row.revocations += 1
        row.late_revocations += bool(
            _check(row, "状态变更", pk, number, changed, published_at, REVOCATION_DAYS)
        )
    undated = ApprovalResult.objects.filter(
        organisation_id__in=rows,
        status__in=INVALID_STATUSES,
        status_date__isnull=True,
        status_published_at__date__range=(date_from, date_to),
    ).values_list("organisation_id", "decision_document_number")
    for organisation_id, number in undated:
        rows[organisation_id].unknown.append(f"{number}：未报送状态变更日期，无法判断是否及时")
    return list(rows.values())
