"""Working days on the official calendar: the one module every deadline calculation calls.

Weekends are off and Monday–Friday on, except where the year's State Council notice says
otherwise (CalendarDay). A date in a year with no CalendarYear row raises CalendarYearMissing:
deadlines reaching such a year are flagged, never computed on weekends alone.

Each process keeps the calendar in memory. Saving a year bumps a version number in the shared
cache (Redis in production) after the commit; every process compares its copy's version with it
at most every CALENDAR_VERSION_CHECK_SECONDS and reloads when it differs, so a year entered in
the admin reaches every web and Celery process, not only the one that saved it.
"""

import datetime as dt
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
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


VERSION_KEY = "cluster:workdays:calendar-version"


class _Loaded(threading.local):
    calendar: _Calendar | None = None
    version: int | None = None
    checked_at: float = 0.0


_loaded = _Loaded()


def _shared_version() -> int | None:
    return cache.get(VERSION_KEY)


def _calendar() -> _Calendar:
    """This process's copy of the calendar, reloaded when another process saved a change."""
    now = time.monotonic()
    interval = getattr(settings, "CALENDAR_VERSION_CHECK_SECONDS", 2)
    if _loaded.calendar is not None and now - _loaded.checked_at >= interval:
        _loaded.checked_at = now
        version = _shared_version()
        if version is None or version != _loaded.version:
            _loaded.calendar = None  # changed elsewhere, or the shared key was lost
    if _loaded.calendar is None:
        version = _shared_version()
        if version is None:
            cache.add(VERSION_KEY, 1, timeout=None)
            version = _shared_version()
        _loaded.calendar = _Calendar(
            years=frozenset(CalendarYear.objects.values_list("year", flat=True)),
            special={
                day.date: (day.kind, day.name)
                for day in CalendarDay.objects.only("date", "kind", "name")
            },
        )
        _loaded.version, _loaded.checked_at = version, now
    return _loaded.calendar


def clear_cache() -> None:
    """Forget this process's copy of the calendar (after edits, and between tests)."""
    _loaded.calendar = None


def publish_change() -> None:
    """Tell every process that the calendar changed (they reload at their next check)."""
    clear_cache()
    if cache.add(VERSION_KEY, 2, timeout=None):
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key expired between add() and incr()
        cache.add(VERSION_KEY, 2, timeout=None)


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


class _Pending(threading.local):
    years: set | None = None


_pending = _Pending()


@receiver([post_save, post_delete], sender=CalendarYear)
@receiver([post_save, post_delete], sender=CalendarDay)
def _calendar_edited(sender, instance, **kwargs):
    clear_cache()
    if kwargs.get("raw"):
        return
    year = instance.year if isinstance(instance, CalendarYear) else instance.date.year
    # A year is saved with its days in one form: announce each year once, after the commit. The
    # callback is registered once per transaction (a rolled-back one drops it and its years).
    connection = transaction.get_connection()
    pending = any(func is _announce_changes for _ids, func, *_rest in connection.run_on_commit)
    if not pending or _pending.years is None:
        _pending.years = set()
        if connection.in_atomic_block:
            transaction.on_commit(_announce_changes)
    _pending.years.add(year)
    if not connection.in_atomic_block:
        _announce_changes()  # autocommit: this save is its own transaction


def _announce_changes() -> None:
    years, _pending.years = _pending.years, None
    if not years:
        return
    publish_change()
    for year in sorted(years):
        calendar_year_changed.send(sender=CalendarYear, year=year)
