"""Table 二 source (contract) and point 6: timeliness on the official working-day calendar."""

import datetime as dt

import pytest
from django.utils import timezone

from catalog.models import DisclosureItemPage
from catalog.stats import table_two_counts
from catalog.timeliness import deadline_for, timeliness_rows
from cluster import workdays
from cluster.models import CalendarYear
from disclosure.report_sources import table_two_counts as report_table_two
from tests.helpers import DEPT_HOST, make_user

from .factories import add_item, node

pytestmark = [pytest.mark.django_db, pytest.mark.backends]


def test_table_two_counts_regulations_and_normative_documents(dept, other_dept):
    parent = node(dept, "gzhgfxwj")
    add_item(parent, document_class="regulation", written_date=dt.date(2025, 2, 1))
    add_item(parent, document_class="normative", written_date=dt.date(2025, 3, 1))
    add_item(parent, document_class="normative", written_date=dt.date(2022, 3, 1))
    add_item(parent, document_class="normative", written_date=dt.date(2020, 3, 1),
             validity="repealed", validity_changed_on=dt.date(2025, 8, 1))  # fmt: skip
    add_item(parent, document_class="normative", written_date=dt.date(2021, 3, 1),
             valid_until=dt.date(2024, 3, 1))  # lapsed before 2025  # fmt: skip
    add_item(parent, document_class="other", written_date=dt.date(2025, 4, 1))
    add_item(parent, document_class="normative", written_date=dt.date(2025, 5, 1), publish=False)
    add_item(
        node(other_dept, "gzhgfxwj"), document_class="normative", written_date=dt.date(2025, 3, 1)
    )
    expected = {
        "regulations_issued": 1,
        "regulations_repealed": 0,
        "regulations_valid": 1,
        "normative_issued": 1,
        "normative_repealed": 1,
        "normative_valid": 2,
    }
    assert table_two_counts(dept, 2025) == expected
    report = report_table_two(dept, 2025)  # registered in CatalogConfig.ready()
    assert {key: report[key] for key in expected} == expected
    # End of 2024: the 2022 one and the one repealed only in 2025; the lapsed one no longer.
    assert table_two_counts(dept, 2024)["normative_valid"] == 2


def test_deadline_counts_twenty_working_days_on_the_official_calendar():
    # 2025-09-26 (Fri): National Day holiday 10-01..10-08, 9-28 and 10-11 are working Saturdays/Sundays.
    assert deadline_for(dt.date(2025, 9, 26)) == workdays.add_working_days(dt.date(2025, 9, 26), 20)
    assert deadline_for(dt.date(2025, 9, 26)) == dt.date(2025, 10, 30)


def published_on(item, *day):
    """Set the system's first-publication time, as if Wagtail had published `item` on `day`."""
    moment = timezone.make_aware(dt.datetime(*day, 10))
    DisclosureItemPage.objects.filter(pk=item.pk).update(first_published_at=moment)
    return item


def test_report_lists_late_and_soon_late_items(client, dept):
    parent = node(dept, "xzxk")
    today = dt.date(2025, 11, 3)
    published_on(
        add_item(parent, title="按时发布", written_date=dt.date(2025, 10, 9)), 2025, 10, 10
    )
    published_on(add_item(parent, title="逾期发布", written_date=dt.date(2025, 6, 2)), 2025, 8, 1)
    add_item(parent, title="逾期未发布", written_date=dt.date(2025, 9, 1), publish=False)
    add_item(parent, title="即将逾期", written_date=dt.date(2025, 10, 9), publish=False)
    add_item(parent, title="时间充裕", written_date=dt.date(2025, 10, 31), publish=False)
    rows = {row.item.title: row for row in timeliness_rows(dept, today=today)}
    assert set(rows) == {"逾期发布", "逾期未发布", "即将逾期"}
    assert rows["逾期发布"].status == "已逾期"
    assert rows["即将逾期"].status == "即将逾期" and 0 < rows["即将逾期"].working_days_left <= 5

    client.force_login(make_user("fgw_editor", dept, "editor"))
    page = client.get(f"/admin/catalog/timeliness/{dept.pk}/", HTTP_HOST=DEPT_HOST)
    assert page.status_code == 200
    assert "逾期未发布" in page.content.decode()


def test_report_is_refused_to_other_organisations(client, dept, other_dept):
    client.force_login(make_user("czj_editor", other_dept, "editor"))
    response = client.get(f"/admin/catalog/timeliness/{dept.pk}/", HTTP_HOST=DEPT_HOST)
    assert response.status_code in (302, 403)
    assert "逾期" not in response.content.decode()


def test_missing_calendar_year_is_flagged_not_guessed(dept):
    CalendarYear.objects.filter(year=2026).delete()
    workdays.clear_cache()
    try:
        add_item(
            node(dept, "xzxk"), title="年底成文", written_date=dt.date(2025, 12, 20), publish=False
        )
        rows = timeliness_rows(dept, today=dt.date(2025, 12, 22))
        assert [row.status for row in rows] == ["2026年节假日安排尚未录入"]
    finally:
        workdays.clear_cache()


def test_timeliness_uses_the_systems_publication_time_not_the_typed_date(dept):
    parent = node(dept, "xzxk")
    item = add_item(
        parent,
        title="补录日期",
        written_date=dt.date(2025, 6, 2),
        publish_date=dt.date(2025, 6, 10),
    )
    published_on(item, 2025, 8, 1)  # typed 10 June, really published 1 August
    rows = {row.item.title: row for row in timeliness_rows(dept, today=dt.date(2025, 9, 1))}
    assert rows["补录日期"].status == "已逾期"
    assert rows["补录日期"].published == dt.date(2025, 8, 1)


def test_a_change_restarts_the_clock_and_is_tracked(dept):
    from catalog.models import InformationChange

    parent = node(dept, "xzxk")
    item = published_on(
        add_item(parent, title="收费标准", written_date=dt.date(2025, 1, 2)), 2025, 1, 3
    )
    today = dt.date(2025, 11, 20)
    assert timeliness_rows(dept, today=today) == []
    page = DisclosureItemPage.objects.get(pk=item.pk)
    page.changed_on = dt.date(2025, 10, 9)  # the fee standard changed; published much later
    page.save_revision().publish()
    change = InformationChange.objects.get(item=item)
    assert change.changed_on == dt.date(2025, 10, 9)
    InformationChange.objects.filter(pk=change.pk).update(
        published_at=timezone.make_aware(dt.datetime(2025, 11, 18, 9))
    )
    rows = timeliness_rows(dept, today=today)
    assert [(row.item.title, row.status, row.start) for row in rows] == [
        ("收费标准", "已逾期", dt.date(2025, 10, 9))
    ]
    assert rows[0].deadline == deadline_for(dt.date(2025, 10, 9))
    InformationChange.objects.filter(pk=change.pk).update(
        published_at=timezone.make_aware(dt.datetime(2025, 10, 20, 9))
    )
    assert timeliness_rows(dept, today=today) == []
