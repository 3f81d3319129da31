"""The annual report (国办公开办函〔2021〕30号 format): the numbers of tables 二, 三 and 四.

Table 三 counts applications by applicant kind: 一 received this year, 二 carried over from
earlier years (received before 1 January and not concluded before it), 三 concluded this year
by outcome row, 四 carried over to next year. The check 一 + 二 = 三(七) + 四 is enforced.
The format's layout of the tables is `disclosure.report_layout`; the XLSX is `report_xlsx`.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from cluster.models import Organisation

from . import report_layout as layout
from .models import AnnualReport, DisclosureRequest, Remedy, RemedyKind, RemedyResult
from .outcomes import OUTCOME_ROWS
from .report_layout import APPLICANT_COLUMNS
from .report_sources import TABLE_TWO_ROWS, table_two_counts

COLUMNS = APPLICANT_COLUMNS
MANUAL_TABLE_TWO = {
    "penalty_decisions": "penalty_decisions",
    "enforcement_decisions": "enforcement_decisions",
    "fees_amount": "fees_amount",
}
REMEDY_RESULTS = [
    (RemedyResult.MAINTAINED, "结果维持"),
    (RemedyResult.CORRECTED, "结果纠正"),
    (RemedyResult.OTHER, "其他结果"),
    (RemedyResult.PENDING, "尚未审结"),
    ("total", "总计"),
]


class ReportCheckFailed(Exception):
    """一 + 二 ≠ 三(七) + 四: the records are inconsistent (e.g. concluded before received)."""


@dataclass
class Report:
    """One report's numbers; `table_*_grid` give the format's layout of each table."""

    title: str
    year: int
    organisation: Organisation | None
    narrative: AnnualReport | None
    published: bool
    table_two: dict[str, int | Decimal]
    table_three: dict[str, dict[str, int]]
    table_four: dict[str, dict[str, int]]
    totals: dict[str, int] = field(default_factory=dict)
    frozen: bool = False

    @property
    def table_two_grid(self) -> layout.Grid:
        return layout.table_two_grid(self.table_two)

    @property
    def table_three_grid(self) -> layout.Grid:
        return layout.table_three_grid(self.table_three)

    @property
    def table_four_grid(self) -> layout.Grid:
        return layout.table_four_grid(self.table_four)

    def numbers(self) -> dict:
        """The tables as JSON-ready data, frozen into the report when it is published."""
        return {
            "table_two": {key: str(value) for key, value in self.table_two.items()},
            "table_three": self.table_three,
            "table_four": self.table_four,
            "totals": self.totals,
        }


def _row(counter: Counter) -> dict[str, int]:
    row = {key: counter.get(key, 0) for key, _label in COLUMNS[:-1]}
    row["total"] = sum(row.values())
    return row


def _by_column(requests) -> Counter:
    return Counter(r.applicant_column for r in requests)


def table_three(organisations, year: int) -> tuple[dict[str, dict[str, int]], dict]:
    """Table 三 by row key ("new", "carried", each outcome code, "handled", "pending")."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    # `state` too: DisclosureRequest.from_db reads it, a deferred load per row otherwise
    fields = ("applicant_kind", "legal_kind", "received_on", "concluded_on", "outcome", "state")
    mine = DisclosureRequest.objects.filter(organisation__in=organisations).only(*fields)
    open_at_start = Q(concluded_on__isnull=True) | Q(concluded_on__gte=start)
    new = list(mine.filter(received_on__range=(start, end)))
    carried = list(mine.filter(open_at_start, received_on__lt=start))
    # counted independently of the two above, so inconsistent records fail the check
    handled = list(mine.filter(concluded_on__range=(start, end)))
    pending = list(
        mine.filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=end), received_on__lte=end)
    )
    outcomes = {code: Counter() for code, _label, _group in OUTCOME_ROWS}
    for r in handled:
        outcomes[r.outcome or "other_other"][r.applicant_column] += 1
    rows = {"new": _row(_by_column(new)), "carried": _row(_by_column(carried))}
    rows |= {code: _row(counter) for code, counter in outcomes.items()}
    rows["handled"] = _row(_by_column(handled))
    rows["pending"] = _row(_by_column(pending))
    totals = {
        "new": len(new),
        "carried": len(carried),
        "handled": len(handled),
        "pending": len(pending),
    }
    for key, _label in COLUMNS:
        if rows["new"][key] + rows["carried"][key] != rows["handled"][key] + rows["pending"][key]:
            raise ReportCheckFailed(
                f"{year}年表三校验不通过（{_label}）：一+二≠三(七)+四，请检查申请的收到和办结日期。"
            )
    return rows, totals


def table_four(organisations, year: int) -> dict[str, dict[str, int]]:
    """Table 四 by remedy kind and result; a remedy undecided at year end counts as 尚未审结."""
    end = dt.date(year, 12, 31)
    remedies = Remedy.objects.filter(request__organisation__in=organisations, filed_on__year=year)
    table = {kind: Counter() for kind in RemedyKind.values}
    for remedy in remedies:
        decided = remedy.decided_on is not None and remedy.decided_on <= end
        result = remedy.result if decided else RemedyResult.PENDING
        table[remedy.kind][result] += 1
    return {
        kind: {key: counter[key] for key, _l in REMEDY_RESULTS[:-1]}
        | {"total": sum(counter.values())}
        for kind, counter in table.items()
    }


def table_two(organisations, reports_by_org, year: int) -> dict[str, int | Decimal]:
    """Table 二 by row key: the registered sources plus the rows entered on each report."""
    sums = dict.fromkeys(TABLE_TWO_ROWS, 0)
    for organisation in organisations:
        for key, value in table_two_counts(organisation, year).items():
            sums[key] += value
        narrative = reports_by_org.get(organisation.pk)
        if narrative is not None:
            for key, attribute in MANUAL_TABLE_TWO.items():
                sums[key] += getattr(narrative, attribute)
    return sums


def _thawed(report: AnnualReport) -> dict:
    numbers = report.frozen_numbers
    return {
        "table_two": {
            key: Decimal(value) if key == "fees_amount" else int(value)
            for key, value in numbers["table_two"].items()
        },
        "table_three": numbers["table_three"],
        "table_four": numbers["table_four"],
        "totals": numbers["totals"],
    }


def build(organisation: Organisation | None, year: int, *, live: bool = False) -> Report:
    """The report of `organisation` for `year`; None builds the city-wide aggregate.

    A published report shows the numbers frozen when it was published (so it never changes
    afterwards); `live=True` recomputes them from the records. The aggregate is always live.
    """
    organisations = list(Organisation.objects.all() if organisation is None else [organisation])
    reports_by_org = {
        report.organisation_id: report
        for report in AnnualReport.objects.filter(organisation__in=organisations, year=year)
    }
    if organisation is None:
        portal = next((o for o in organisations if o.parent_id is None), None)
        narrative = reports_by_org.get(portal.pk) if portal else None
        title = f"{portal.name if portal else ''}{year}年政府信息公开工作年度报告（全市汇总）"
    else:
        narrative = reports_by_org.get(organisation.pk)
        title = f"{organisation.name}{year}年政府信息公开工作年度报告"
    published = bool(narrative and narrative.live)
    if organisation is not None and published and narrative.frozen_numbers and not live:
        return Report(
            title, year, organisation, narrative, published, frozen=True, **_thawed(narrative)
        )
    rows, totals = table_three(organisations, year)
    return Report(
        title=title,
        year=year,
        organisation=organisation,
        narrative=narrative,
        published=published,
        table_two=table_two(organisations, reports_by_org, year),
        table_three=rows,
        table_four=table_four(organisations, year),
        totals=totals,
    )
