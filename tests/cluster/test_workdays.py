"""The official calendar on real 2026 dates (国务院办公厅关于2026年部分节假日安排的通知)."""

import datetime as dt

import pytest

from cluster import workdays
from cluster.models import CalendarDay, CalendarYear

D = dt.date


@pytest.fixture(autouse=True)
def fresh_calendar(db):
    workdays.clear_cache()
    yield
    workdays.clear_cache()


def test_national_day_2026_is_off_and_its_adjusted_saturday_is_on():
    assert workdays.day_info(D(2026, 10, 1)).reason == "法定节假日（国庆节）"
    assert not workdays.is_working_day(D(2026, 10, 7))
    assert workdays.day_info(D(2026, 10, 10)).reason == "调休上班日（国庆节）"
    assert workdays.is_working_day(D(2026, 10, 10))  # a Saturday
    assert workdays.day_info(D(2026, 10, 11)).reason == "周末"


def test_receipt_day_is_not_counted_and_holidays_are_skipped():
    # Received Tue 29 Sep: day 1 is Wed 30 Sep, 1-7 Oct off, 8-10 Oct (Sat 10 调休) are days 2-4,
    # and day 20 is Mon 2 Nov.
    assert workdays.add_working_days(D(2026, 9, 29), 1) == D(2026, 9, 30)
    assert workdays.add_working_days(D(2026, 9, 29), 2) == D(2026, 10, 8)
    assert workdays.add_working_days(D(2026, 9, 29), 4) == D(2026, 10, 10)
    assert workdays.add_working_days(D(2026, 9, 29), 20) == D(2026, 11, 2)


def test_working_days_between_counts_after_start_up_to_end():
    assert workdays.working_days_between(D(2026, 9, 29), D(2026, 11, 2)) == 20
    assert workdays.working_days_between(D(2026, 11, 2), D(2026, 11, 2)) == 0


def test_a_year_not_yet_entered_is_flagged_not_guessed():
    with pytest.raises(workdays.CalendarYearMissing) as error:
        workdays.add_working_days(D(2026, 12, 15), 20)
    assert error.value.year == 2027
    assert str(error.value) == "2027年节假日安排尚未录入"


def test_entering_a_year_makes_it_countable_and_announces_the_change_once_after_commit(
    django_capture_on_commit_callbacks,
):
    announced = []

    def listen(**kwargs):
        announced.append(kwargs["year"])

    workdays.calendar_year_changed.connect(listen)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            year = CalendarYear.objects.create(
                year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知"
            )
            for day in (1, 2, 3):  # one save of a year with its days
                CalendarDay.objects.create(
                    calendar_year=year, date=D(2027, 1, day), kind="holiday", name="元旦"
                )
            assert announced == []  # nothing before the commit
    finally:
        workdays.calendar_year_changed.disconnect(listen)
    assert announced == [2027]
    assert workdays.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)


def test_a_year_saved_in_another_process_reaches_this_one(settings):
    """Another process saves 2027: its rows are in the database and it bumps the shared version;
    this process's copy must notice without being told directly."""
    from django.core.cache import cache

    settings.CALENDAR_VERSION_CHECK_SECONDS = 0
    with pytest.raises(workdays.CalendarYearMissing):
        workdays.day_info(D(2027, 1, 4))  # this process now holds a copy without 2027
    CalendarYear.objects.bulk_create([CalendarYear(year=2027)])  # no signal in this process
    with pytest.raises(workdays.CalendarYearMissing):
        workdays.day_info(D(2027, 1, 4))  # unchanged version: the copy is kept
    cache.incr(workdays.VERSION_KEY)  # what the saving process does after its commit
    assert workdays.day_info(D(2027, 1, 4)).working
