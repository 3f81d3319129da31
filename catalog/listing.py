"""Filtering and keyset pagination of disclosure items: shared by pages, feeds, API and admin.

Lists are ordered by (publish_date, id) descending and paged by a cursor naming the last row
seen, so a page costs one index range scan however deep it is and no row shifts between
pages when new items are published (stable at a million items, unlike OFFSET paging).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.utils import timezone

from .models.choices import FivePublics, Genre, Validity

PER_PAGE = 20
FILTER_NAMES = ("topic", "genre", "year", "five_publics", "validity", "org")


def effective_validity_q(validity: str, today: dt.date | None = None) -> Q:
    """Items whose validity as shown to the public is `validity` (past 有效期 counts as 失效)."""
    today = today or timezone.localdate()
    lapsed = Q(validity=Validity.VALID, valid_until__lt=today)
    if validity == Validity.VALID:
        return Q(validity=Validity.VALID) & ~lapsed
    if validity == Validity.EXPIRED:
        return Q(validity=Validity.EXPIRED) | lapsed
    return Q(validity=validity)


def clean_filters(params) -> dict:
    """The recognised, well-formed filters in `params` (a QueryDict or dict); others are ignored."""
    filters = {}
    topic = (params.get("topic") or "").strip()
    if topic.isdigit() and len(topic) in (2, 4):
        filters["topic"] = topic
    if params.get("genre") in Genre.values:
        filters["genre"] = params["genre"]
    year = (params.get("year") or "").strip()
    if year.isdigit() and 1949 <= int(year) <= 2100:
        filters["year"] = int(year)
    if params.get("five_publics") in FivePublics.values:
        filters["five_publics"] = params["five_publics"]
    if params.get("validity") in Validity.values:
        filters["validity"] = params["validity"]
    org = (params.get("org") or "").strip()
    if org:
        filters["org"] = org
    return filters


def apply_filters(queryset, filters: dict):
    """Narrow `queryset` of DisclosureItemPage by cleaned `filters`."""
    if "topic" in filters:
        queryset = queryset.filter(topic__code__startswith=filters["topic"])
    if "genre" in filters:
        queryset = queryset.filter(genre=filters["genre"])
    if "year" in filters:
        year = filters["year"]
        queryset = queryset.filter(
            publish_date__gte=dt.date(year, 1, 1), publish_date__lte=dt.date(year, 12, 31)
        )
    if "five_publics" in filters:
        queryset = queryset.filter(five_publics=filters["five_publics"])
    if "validity" in filters:
        queryset = queryset.filter(effective_validity_q(filters["validity"]))
    if "org" in filters:
        queryset = queryset.filter(organisation__slug=filters["org"])
    return queryset


@dataclass
class KeysetPage:
    """One page of a keyset-paginated list, with the cursors of its neighbours."""

    items: list
    next_cursor: str | None
    previous_cursor: str | None


def encode_cursor(item) -> str:
    return f"{item.publish_date:%Y%m%d}.{item.pk}"


def decode_cursor(cursor: str | None):
    """(date, id) from a cursor, or None when absent or malformed."""
    try:
        date_part, id_part = (cursor or "").split(".")
        return dt.datetime.strptime(date_part, "%Y%m%d").date(), int(id_part)
    except ValueError:
        return None


# A row comparison (publish_date, id) < (d, n): PostgreSQL turns it into one range scan of the
# (publish_date, id) index; the equivalent OR of two conditions scans and filters instead.
_KEY = Tuple(F("publish_date"), F("pk"))
LAST = "last"  # `before=last`: the last page (the oldest items), one index range scan too


def keyset_page(queryset, *, after: str | None = None, before: str | None = None, size=PER_PAGE):
    """The page after cursor `after` (or before `before`, or the last page), newest first."""
    if before == LAST:
        rows = list(queryset.order_by("publish_date", "pk")[: size + 1])
        items = list(reversed(rows[:size]))
        return KeysetPage(
            items,
            next_cursor=None,
            previous_cursor=encode_cursor(items[0]) if len(rows) > size else None,
        )
    if (key := decode_cursor(before)) is not None:
        date, pk = key
        rows = list(
            queryset.filter(TupleGreaterThan(_KEY, (date, pk))).order_by("publish_date", "pk")[
                : size + 1
            ]
        )
        has_more = len(rows) > size
        items = list(reversed(rows[:size]))
        return KeysetPage(
            items,
            next_cursor=encode_cursor(items[-1]) if items else None,
            previous_cursor=encode_cursor(items[0]) if has_more and items else None,
        )
    if (key := decode_cursor(after)) is not None:
        date, pk = key
        queryset = queryset.filter(TupleLessThan(_KEY, (date, pk)))
    rows = list(queryset.order_by("-publish_date", "-pk")[: size + 1])
    items = rows[:size]
    return KeysetPage(
        items,
        next_cursor=encode_cursor(items[-1]) if len(rows) > size else None,
        previous_cursor=encode_cursor(items[0]) if key is not None and items else None,
    )
