"""Keyset pagination of lists ordered newest first by (a date, id).

A page is named by a cursor holding the last row seen, so it costs one index range scan however
deep it is, and no row shifts between pages when new rows are added (stable at a million rows,
unlike OFFSET paging). Used by the disclosure catalog and the approval-result notices.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan

LAST = "last"  # `before=last`: the last page (the oldest rows), one index range scan too


@dataclass
class KeysetPage:
    """One page of a keyset-paginated list, with the cursors of its neighbours."""

    items: list
    next_cursor: str | None
    previous_cursor: str | None


def encode_cursor(row, date_field: str = "publish_date") -> str:
    return f"{getattr(row, date_field):%Y%m%d}.{row.pk}"


def decode_cursor(cursor: str | None):
    """(date, id) from a cursor, or None when absent or malformed."""
    try:
        date_part, id_part = (cursor or "").split(".")
        return dt.datetime.strptime(date_part, "%Y%m%d").date(), int(id_part)
    except ValueError:
        return None


def keyset_page(
    queryset,
    *,
    date_field: str = "publish_date",
    after: str | None = None,
    before: str | None = None,
    size: int = 20,
) -> KeysetPage:
    """The page after cursor `after` (or before `before`, or the last page), newest first;
    the list needs an index on (`date_field`, id)."""
    # A row comparison (date, id) < (d, n): PostgreSQL turns it into one range scan of the
    # index; the equivalent OR of two conditions scans and filters instead.
    key = Tuple(F(date_field), F("pk"))
    ascending, descending = (date_field, "pk"), (f"-{date_field}", "-pk")

    def cursor(row):
        return encode_cursor(row, date_field)

    if before == LAST:
        rows = list(queryset.order_by(*ascending)[: size + 1])
        items = list(reversed(rows[:size]))
        return KeysetPage(
            items,
            next_cursor=None,
            previous_cursor=cursor(items[0]) if len(rows) > size else None,
        )
    if (start := decode_cursor(before)) is not None:
        rows = list(queryset.filter(TupleGreaterThan(key, start)).order_by(*ascending)[: size + 1])
        has_more = len(rows) > size
        items = list(reversed(rows[:size]))
        return KeysetPage(
            items,
            next_cursor=cursor(items[-1]) if items else None,
            previous_cursor=cursor(items[0]) if has_more and items else None,
        )
    if (start := decode_cursor(after)) is not None:
        queryset = queryset.filter(TupleLessThan(key, start))
    rows = list(queryset.order_by(*descending)[: size + 1])
    items = rows[:size]
    return KeysetPage(
        items,
        next_cursor=cursor(items[-1]) if len(rows) > size else None,
        previous_cursor=cursor(items[0]) if start is not None and items else None,
    )
