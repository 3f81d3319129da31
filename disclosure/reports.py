"""The annual report (国办公开办函〔2021〕30号 format): tables 二, 三, 四 and the XLSX export.

Table 三 counts applications by applicant kind: 一 received this year, 二 carried over from
earlier years (received before 1 January and not concluded before it), 三 concluded this year
by outcome row, 四 carried over to next year. The check 一 + 二 = 三(七) + 四 is enforced.
"""

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from openpyxl import Workbook

from cluster.models import Organisation

from .models import AnnualReport, DisclosureRequest, Remedy, RemedyKind, RemedyResult
from .outcomes import OUTCOME_GROUPS, OUTCOME_ROWS
from .report_sources import TABLE_TWO_ROWS, table_two_counts

COLUMNS = [
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("public_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
]
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
    title: str
    year: int
    organisation: Organisation | None
    narrative: AnnualReport | None
    published: bool
    table_two: list[tuple[str, int | Decimal]]
    table_three: list[tuple[str, dict[str, int]]]
    table_four: dict[str, dict[str, int]]
    totals: dict[str, int] = field(default_factory=dict)


def _row(counter: Counter) -> dict[str, int]:
    row = {key: counter.get(key, 0) for key, _label in COLUMNS[:-1]}
    row["total"] = sum(row.values())
    return row


def _by_column(requests) -> Counter:
    return Counter(r.applicant_column for r in requests)


def table_three(organisations, year: int) -> tuple[list[tuple[str, dict[str, int]]], dict]:
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
    rows = [("一、本年新收政府信息公开申请数量", _row(_by_column(new)))]
    rows.append(("二、上年结转政府信息公开申请数量", _row(_by_column(carried))))
    for group, heading in OUTCOME_GROUPS:
        codes = [(code, label) for code, label, g in OUTCOME_ROWS if g == group]
        if len(codes) == 1:
            rows.append((f"三、本年度办理结果 {heading}", _row(outcomes[codes[0][0]])))
            continue
        rows.append(
            (
                f"三、本年度办理结果 {heading}",
                _row(sum((outcomes[c] for c, _l in codes), Counter())),
            )
        )
        rows += [(f"　　{label}", _row(outcomes[code])) for code, label in codes]
    rows.append(("三、本年度办理结果 （七）总计", _row(_by_column(handled))))
    rows.append(("四、结转下年度继续办理", _row(_by_column(pending))))
    totals = {
        "new": len(new),
        "carried": len(carried),
        "handled": len(handled),
        "pending": len(pending),
    }
    for key, _label in COLUMNS:
        if rows[0][1][key] + rows[1][1][key] != rows[-2][1][key] + rows[-1][1][key]:
            raise ReportCheckFailed(
                f"{year}年表三校验不通过（{_label}）：一+二≠三(七)+四，请检查申请的收到和办结日期。"
            )
    return rows, totals


def table_four(organisations, year: int) -> dict[str, dict[str, int]]:
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


def table_two(organisations, reports_by_org, year: int) -> list[tuple[str, int | Decimal]]:
    sums = dict.fromkeys(TABLE_TWO_ROWS, 0)
    for organisation in organisations:
        for key, value in table_two_counts(organisation, year).items():
            sums[key] += value
        narrative = reports_by_org.get(organisation.pk)
        if narrative is not None:
            for key, attribute in MANUAL_TABLE_TWO.items():
                sums[key] += getattr(narrative, attribute)
    return [(label, sums[key]) for key, label in TABLE_TWO_ROWS.items()]


def build(organisation: Organisation | None, year: int) -> Report:
    """The report of `organisation` for `year`; None builds the city-wide aggregate."""
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
    rows, totals = table_three(organisations, year)
    return Report(
        title=title,
        year=year,
        organisation=organisation,
        narrative=narrative,
        published=bool(narrative and narrative.published),
        table_two=table_two(organisations, reports_by_org, year),
        table_three=rows,
        table_four=table_four(organisations, year),
        totals=totals,
    )


def to_xlsx(report: Report) -> bytes:
    """The three tables of `report` as an XLSX workbook."""
    book = Workbook()
    sheet = book.active
    sheet.title = "二、主动公开"
    sheet.append([report.title])
    sheet.append(["项目", "数量"])
    for label, value in report.table_two:
        sheet.append([label, float(value) if isinstance(value, Decimal) else value])
    sheet = book.create_sheet("三、依申请公开")
    sheet.append([report.title])
    sheet.append(["项目", *(label for _key, label in COLUMNS)])
    for label, row in report.table_three:
        sheet.append([label.strip("　"), *(row[key] for key, _l in COLUMNS)])
    sheet = book.create_sheet("四、复议诉讼")
    sheet.append([report.title])
    sheet.append(["类别", *(label for _key, label in REMEDY_RESULTS)])
    for kind in RemedyKind:
        sheet.append([kind.label, *(report.table_four[kind.value][k] for k, _l in REMEDY_RESULTS)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
