"""Statutory deadlines on real 2026 dates (国务院办公厅关于2026年部分节假日安排的通知).

National Day 2026: 1–7 October off, Saturday 10 October worked (调休). Spring Festival 2026:
15–23 February off, Saturdays 14 and 28 February worked.
"""

import datetime as dt

import pytest

from cluster.models import CalendarYear
from disclosure import deadlines
from disclosure.deadlines import Pause

from .helpers import make_request

D = dt.date


def test_twenty_working_days_across_national_day_skip_the_holiday_and_count_the_adjusted_saturday():
    result = deadlines.reply_deadline(D(2026, 9, 29))
    assert result.due == D(2026, 11, 2)
    days = {day.date: day for day in result.days}
    assert days[D(2026, 9, 29)].reason == "收到申请之日，不计入"
    assert days[D(2026, 9, 30)].number == 1
    assert not days[D(2026, 10, 1)].counted
    assert days[D(2026, 10, 1)].reason == "法定节假日（国庆节）"
    assert days[D(2026, 10, 8)].number == 2
    assert days[D(2026, 10, 10)].number == 4
    assert days[D(2026, 10, 10)].reason == "调休上班日（国庆节）"
    assert days[D(2026, 10, 11)].reason == "周末"
    assert days[D(2026, 11, 2)].number == 20
    assert sum(day.counted for day in result.days) == 20


def test_an_application_received_on_a_holiday_counts_from_the_next_working_day():
    result = deadlines.reply_deadline(D(2026, 10, 3))
    assert result.start == D(2026, 10, 8)
    assert result.due == D(2026, 11, 4)
    assert "非工作日" in result.notes[0]


def test_spring_festival_adjusted_saturdays_are_counted():
    result = deadlines.reply_deadline(D(2026, 2, 13))
    numbers = {day.date: day.number for day in result.days if day.counted}
    assert numbers[D(2026, 2, 14)] == 1
    assert numbers[D(2026, 2, 24)] == 2
    assert numbers[D(2026, 2, 28)] == 6
    assert result.due == D(2026, 3, 19)


def test_extension_adds_twenty_working_days_and_no_more():
    assert deadlines.reply_deadline(D(2026, 9, 29), extension_days=20).due == D(2026, 11, 30)
    with pytest.raises(ValueError, match="不得超过20个工作日"):
        deadlines.reply_deadline(D(2026, 9, 29), extension_days=21)


def test_paused_working_days_are_not_counted_and_are_explained():
    # Third-party consultation from Thu 8 Oct to the adjusted Saturday 10 Oct: 3 working days.
    pause = Pause(D(2026, 10, 8), D(2026, 10, 10), "征求第三方意见期间")
    result = deadlines.reply_deadline(D(2026, 9, 29), pauses=[pause])
    assert result.due == D(2026, 11, 5)
    days = {day.date: day for day in result.days}
    assert days[D(2026, 10, 10)].reason == "征求第三方意见期间，不计入"
    assert days[D(2026, 10, 12)].number == 2


def test_a_pause_over_holidays_only_changes_nothing():
    pause = Pause(D(2026, 10, 1), D(2026, 10, 7))
    assert deadlines.reply_deadline(D(2026, 9, 29), pauses=[pause]).due == D(2026, 11, 2)


def test_correction_restarts_the_period_from_the_day_it_arrives():
    result = deadlines.reply_deadline(D(2026, 9, 29), restarted=D(2026, 10, 9))
    assert result.start == D(2026, 10, 9)
    assert result.due == D(2026, 11, 5)
    assert any("补正" in note for note in result.notes)


def test_correction_notice_is_due_within_seven_working_days():
    assert deadlines.correction_notice_due(D(2026, 9, 29)) == D(2026, 10, 14)


def test_third_party_answer_is_due_within_fifteen_working_days():
    assert deadlines.third_party_answer_due(D(2026, 9, 30)) == D(2026, 10, 27)


def test_a_deadline_reaching_an_unentered_year_is_flagged_not_guessed():
    result = deadlines.reply_deadline(D(2026, 12, 15))
    assert result.due is None
    assert result.flag == "2027年节假日安排尚未录入"


def test_the_deadline_is_computed_once_the_year_is_entered():
    CalendarYear.objects.create(year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知")
    # Dec 16–31 give 12 working days; 1 Jan 2027 (Friday) is a weekday without holiday rows here.
    assert deadlines.reply_deadline(D(2026, 12, 15)).due == D(2027, 1, 12)


def test_working_days_until_counts_down_and_goes_negative_when_overdue():
    assert deadlines.working_days_until(D(2026, 9, 29), D(2026, 10, 9)) == 3
    assert deadlines.working_days_until(D(2026, 10, 9), D(2026, 9, 29)) == -3


@pytest.mark.parametrize(
    "text", ["2026-10-08", "2026-10-10..2026-10-08", "2026-13-01..2026-13-02", "a..b..c"]
)
def test_bad_pause_ranges_are_refused_with_a_chinese_message(text):
    with pytest.raises(ValueError, match="暂停区间"):
        deadlines.parse_pause(text)


def test_a_flagged_deadline_is_recomputed_when_the_year_is_entered(
    fgw, django_capture_on_commit_callbacks
):
    request = make_request(fgw, D(2026, 12, 15))
    assert request.due_on is None
    assert request.due_flag == "2027年节假日安排尚未录入"
    with django_capture_on_commit_callbacks(execute=True):  # the recompute task runs on commit
        CalendarYear.objects.create(year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知")
    request.refresh_from_db()
    assert request.due_on == D(2027, 1, 12)
    assert request.due_flag == ""
