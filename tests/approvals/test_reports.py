"""Timeliness (7 / 5 working days on the official calendar) and table 二 of the annual report."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cluster import workdays
from disclosure.approvals.models import ApprovalResult
from disclosure.approvals.timeliness import timeliness_report
from disclosure.report_sources import table_two_counts

from .builders import post, record

pytestmark = pytest.mark.backends

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def fresh_calendar(db):
    workdays.clear_cache()
    yield
    workdays.clear_cache()


def published_on(number, day, field="published_at"):
    moment = dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI)
    ApprovalResult.objects.filter(decision_document_number=f"云溪建许〔2026〕{number}号").update(
        **{field: moment}
    )


@pytest.mark.django_db
def test_decisions_later_than_seven_working_days_across_national_day(client, bureau, source):
    _source, token = source
    decided = {"decision_date": "2026-09-28", "valid_from": "2026-09-28"}
    post(client, token, [record(bureau, n, **decided) for n in (1, 2, 3)])
    # 9-28 (Mon) + 7 working days skips the 10-01..10-07 holiday: due 10-13.
    published_on(1, dt.date(2026, 10, 13))
    published_on(2, dt.date(2026, 10, 14))
    published_on(3, dt.date(2026, 9, 30))
    [row] = timeliness_report([bureau], dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (row.decisions, row.late_decisions) == (3, 1)
    [late] = row.late
    assert late.number == "云溪建许〔2026〕2号"
    assert (late.due, late.working_days) == (dt.date(2026, 10, 13), 8)


@pytest.mark.django_db
def test_revocations_later_than_five_working_days(client, bureau, source):
    _source, token = source
    post(client, token, [record(bureau, n) for n in (1, 2)])
    revoked = {"status": "撤销", "status_date": "2026-09-30"}
    post(client, token, [record(bureau, n, **revoked) for n in (1, 2)])
    published_on(1, dt.date(2026, 10, 13), "status_published_at")
    published_on(2, dt.date(2026, 10, 14), "status_published_at")
    [row] = timeliness_report([bureau], dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (row.revocations, row.late_revocations) == (2, 1)
    assert [(late.kind, late.number) for late in row.late if late.kind == "状态变更"] == [
        ("状态变更", "云溪建许〔2026〕2号")
    ]


@pytest.mark.django_db
def test_a_deadline_in_a_year_without_calendar_is_flagged(client, bureau, source):
    _source, token = source
    post(client, token, [record(bureau, 1)])
    ApprovalResult.objects.update(decision_date=dt.date(2026, 12, 28))
    [row] = timeliness_report([bureau], dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert row.late_decisions == 0
    assert row.unknown == ["云溪建许〔2026〕1号：2027年节假日安排尚未录入"]


@pytest.mark.django_db
def test_table_two_counts_licensing_decisions_per_year(client, bureau, other_bureau, source):
    _source, token = source
    post(
        client,
        token,
        [
            record(bureau, 1),
            record(bureau, 2, status="注销"),
            record(bureau, 3, decision_date="2025-12-30", valid_from="2025-12-30"),
        ],
    )
    assert table_two_counts(bureau, 2026)["licensing_decisions"] == 2
    assert table_two_counts(bureau, 2025)["licensing_decisions"] == 1
    assert table_two_counts(other_bureau, 2026)["licensing_decisions"] == 0
