"""Working days on the official calendar: the one module every deadline calculation calls.

Weekends are off and Monday–Friday on, except where the year's State Council notice says
otherwise (CalendarDay). A date in a year with no CalendarYear row raises CalendarYearMissing:
deadlines reaching such a year are flagged, never computed on weekends alone (DOMAIN.md §8).
"""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from .models.calendar import CalendarDay, CalendarYear

# Sent when an administrator saves a year, so stored deadlines can be recomputed.
calendar_year_changed = Signal()


class CalendarYearMissing(Exception):
    """The holiday arrangement of `year` has not been entered yet."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"{year}年节假日安排尚未录入")


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    working: bool
    reason: str  # 工作日 / 周末 / 法定节假日（国庆节） / 调休上班日（国庆节）


@dataclass(frozen=True)
class _Calendar:
    years: frozenset[int]
    special: dict[dt.date, tuple[str, str]]


@lru_cache(maxsize=1)
def _calendar() -> _Calendar:
    return _Calendar(
        years=frozenset(CalendarYear.objects.values_list("year", flat=True)),
        special={
            day.date: (day.kind, day.name)
            for day in CalendarDay.objects.only("date", "kind", "name")
        },
    )


def clear_cache() -> None:
    """Forget the cached calendar (after edits, and between tests)."""
    _calendar.cache_clear()


def day_info(date: dt.date) -> DayInfo:
    """Whether `date` is a working day, and why."""
    calendar = _calendar()
    if date.year not in calendar.years:
        raise CalendarYearMissing(date.year)
    kind, name = calendar.special.get(date, (None, ""))
    if kind == CalendarDay.Kind.HOLIDAY:
        return DayInfo(date, False, f"法定节假日（{name}）")
    if kind == CalendarDay.Kind.WORKDAY:
        return DayInfo(date, True, f"调休上班日（{name}）")
    if date.weekday() >= 5:
        return DayInfo(date, False, "周末")
    return DayInfo(date, True, "工作日")


def is_working_day(date: dt.date) -> bool:
    return day_info(date).working


def next_working_day(date: dt.date) -> dt.date:
    """The first working day strictly after `date`."""
    date += dt.timedelta(days=1)
    while not is_working_day(date):
        date += dt.timedelta(days=1)
    return date


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The date on which `count` working days after `start` are complete (start not counted)."""
    date = start
    for _ in range(count):
        date = next_working_day(date)
    return date


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, date = 0, start
    while date < end:
        date += dt.timedelta(days=1)
        count += is_working_day(date)
    return count


def known_years() -> frozenset[int]:
    return _calendar().years


@receiver([post_save, post_delete], sender=CalendarYear)
@receiver([post_save, post_delete], sender=CalendarDay)
def _calendar_edited(sender, instance, **kwargs):
    clear_cache()
    if kwargs.get("raw"):
        return
    year = instance.year if isinstance(instance, CalendarYear) else instance.date.year
    calendar_year_changed.send(sender=CalendarYear, year=year)
