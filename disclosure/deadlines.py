"""Statutory deadlines of on-request disclosure (条例第三十条至第三十三条): the one module.

Every date is counted in working days on the official calendar (cluster.workdays), the day of
receipt not counted. Pauses (third-party or other-organ consultation, fee payment) are ranges
whose working days are not counted; an extension adds at most 20 working days. A deadline that
reaches a year whose holiday arrangement is not entered is flagged, never guessed.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings

from cluster import workdays

REPLY_WORKING_DAYS = 20  # 第三十三条第二款
MAX_EXTENSION_WORKING_DAYS = 20  # 第三十三条第二款
CORRECTION_NOTICE_WORKING_DAYS = 7  # 第三十条
THIRD_PARTY_WORKING_DAYS = 15  # 第三十二条
# 政府信息公开信息处理费管理办法（国办函〔2020〕109号）: 20 working days from receipt of the notice
FEE_PAYMENT_WORKING_DAYS = 20


@dataclass(frozen=True)
class Pause:
    """Working days from `start` to `end` (both inclusive) that are not counted."""

    start: dt.date
    end: dt.date
    reason: str = "暂停计算"
    note: str = ""  # shown with the breakdown, e.g. why the pause ended

    def covers(self, date: dt.date) -> bool:
        return self.start <= date <= self.end


@dataclass(frozen=True)
class Day:
    """One calendar day after receipt and why it was or was not counted."""

    date: dt.date
    counted: bool
    number: int | None  # the working-day number when counted
    reason: str

    def as_dict(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "counted": self.counted,
            "number": self.number,
            "reason": self.reason,
        }


@dataclass
class Deadline:
    """The due date of a reply and its breakdown; `missing_year` set when it cannot be known."""

    received: dt.date
    start: dt.date
    working_days: int
    due: dt.date | None = None
    days: list[Day] = field(default_factory=list)
    missing_year: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def flag(self) -> str:
        return f"{self.missing_year}年节假日安排尚未录入" if self.missing_year else ""

    def as_dict(self) -> dict:
        return {
            "received": self.received.isoformat(),
            "start": self.start.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "working_days": self.working_days,
            "flag": self.flag,
            "notes": self.notes,
            "days": [day.as_dict() for day in self.days],
        }


def receipt_date(submitted: dt.date) -> dt.date:
    """The receipt date counted from (第三十一条): a non-working day moves to the next working day.

    The move is practice, not statute: setting
    DISCLOSURE_NON_WORKING_DAY_RECEIPT_MOVES (default True) switches it off.
    """
    moves = getattr(settings, "DISCLOSURE_NON_WORKING_DAY_RECEIPT_MOVES", True)
    if moves and not workdays.is_working_day(submitted):
        return workdays.next_working_day(submitted)
    return submitted


def reply_deadline(
    received: dt.date,
    *,
    pauses: Iterable[Pause] = (),
    extension_days: int = 0,
    restarted: dt.date | None = None,
) -> Deadline:
    """The reply due date for an application received on `received`.

    `restarted` is the day a corrected application (补正) arrived: the period starts again from
    it. `extension_days` (≤ 20) is the extension approved by the head of the disclosure office.
    """
    if not 0 <= extension_days <= MAX_EXTENSION_WORKING_DAYS:
        raise ValueError(f"延长期限不得超过{MAX_EXTENSION_WORKING_DAYS}个工作日")
    total = REPLY_WORKING_DAYS + extension_days
    notes = []
    try:
        start = receipt_date(restarted or received)
    except workdays.CalendarYearMissing as missing:
        return Deadline(received, restarted or received, total, missing_year=missing.year)
    if start != (restarted or received):
        notes.append(
            f"{(restarted or received).isoformat()} 为非工作日，自下一工作日起视为收到申请"
        )
    if restarted:
        notes.append(f"申请人于 {restarted.isoformat()} 提交补正，答复期限重新计算")
    if extension_days:
        notes.append(f"经批准延长答复期限 {extension_days} 个工作日")
    pauses = sorted(pauses, key=lambda p: p.start)
    notes.extend(pause.note for pause in pauses if pause.note)
    return _count(received, start, total, pauses, notes)


def _count(received, start, total, pauses, notes) -> Deadline:
    deadline = Deadline(received, start, total, notes=notes)
    deadline.days.append(Day(start, False, None, "收到申请之日，不计入"))
    date, counted = start, 0
    while counted < total:
        date += dt.timedelta(days=1)
        try:
            info = workdays.day_info(date)
        except workdays.CalendarYearMissing as missing:
            deadline.missing_year = missing.year
            return deadline
        pause = next((p for p in pauses if p.covers(date)), None)
        if not info.working:
            deadline.days.append(Day(date, False, None, info.reason))
        elif pause is not None:
            deadline.days.append(Day(date, False, None, f"{pause.reason}，不计入"))
        else:
            counted += 1
            deadline.days.append(Day(date, True, counted, info.reason))
    deadline.due = date
    return deadline


def correction_notice_due(received: dt.date) -> dt.date:
    """Last day to tell the applicant what to correct (第三十条: within 7 working days)."""
    return workdays.add_working_days(receipt_date(received), CORRECTION_NOTICE_WORKING_DAYS)


def third_party_answer_due(sent: dt.date) -> dt.date:
    """Last day for a third party's opinion (第三十二条: within 15 working days)."""
    return workdays.add_working_days(sent, THIRD_PARTY_WORKING_DAYS)


def third_party_pause(started: dt.date, ended: dt.date, reason: str) -> Pause:
    """The not-counted range of a third-party consultation (第三十二条).

    The third party has 15 working days to answer; the pause ends on the 15th working day
    after the consultation was sent, answered or not, and the clock runs again from the next.
    """
    try:
        limit = third_party_answer_due(started)
    except workdays.CalendarYearMissing:
        return Pause(started, ended, reason)  # the reply deadline itself is flagged
    if ended <= limit:
        return Pause(started, ended, reason)
    return Pause(
        started,
        limit,
        reason,
        note=f"第三方未在{THIRD_PARTY_WORKING_DAYS}个工作日内答复（期限 {limit.isoformat()}），"
        "此后恢复计算答复期限",
    )


def fee_payment_due(delivered: dt.date) -> dt.date:
    """Last day to pay a 信息处理费: 20 working days after the applicant received the notice
    (国办函〔2020〕109号); the day of receipt is not counted."""
    return workdays.add_working_days(delivered, FEE_PAYMENT_WORKING_DAYS)


def working_days_until(today: dt.date, due: dt.date) -> int:
    """Working days left after `today` up to `due` (negative when overdue)."""
    if due >= today:
        return workdays.working_days_between(today, due)
    return -workdays.working_days_between(due, today)


def parse_pause(text: str, reason: str = "暂停计算") -> Pause:
    """A pause from "YYYY-MM-DD..YYYY-MM-DD"; ValueError with a Chinese message when invalid."""
    try:
        first, last = (dt.date.fromisoformat(part.strip()) for part in text.split(".."))
    except ValueError:
        raise ValueError(f"暂停区间格式应为 YYYY-MM-DD..YYYY-MM-DD：{text}") from None
    if last < first:
        raise ValueError(f"暂停区间结束日期早于开始日期：{text}")
    return Pause(first, last, reason)
