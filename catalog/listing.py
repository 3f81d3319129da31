"""Filtering of disclosure items: shared by pages, feeds, API and admin.

Lists are ordered by (publish_date, id) descending and paged with `cluster.keyset`.
"""

import datetime as dt
import functools
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone, translation

from .models.choices import FivePublics, Genre, Validity

PER_PAGE = 20
FILTER_NAMES = ("topic", "genre", "year", "five_publics", "validity", "org")
# The columns a list shows, read as plain rows: a list page builds no page objects.
LIST_VALUES = (
    "pk", "title", "url_path", "publish_date", "index_number", "document_number", "validity",
    "valid_until", "organisation__short_name",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ListedItem:
    """One row of a public item list, with its URL and 有效性 as shown."""

    pk: int
    title: str
    url: str | None
    index_number: str | None
    document_number: str
    organisation_name: str
    publish_date: dt.date
    published: str  # publish_date as YYYY-MM-DD, formatted once
    validity: str
    validity_label: str


@functools.cache
def _labels(choices, language: str | None) -> tuple[tuple[str, str], ...]:
    return tuple((value, str(label)) for value, label in choices.choices)


def choice_labels(choices) -> tuple[tuple[str, str], ...]:
    """(value, label) of a choices class in the active language, translated once per process:
    a list page shows some thirty of them, each a lazy string translated again on every use."""
    return _labels(choices, translation.get_language())


def displayed_validity(validity: str, valid_until: dt.date | None, today: dt.date) -> str:
    """有效性 as shown to the public: an item past its 有效期 shows as 失效 by itself."""
    if validity == Validity.VALID and valid_until and valid_until < today:
        return Validity.EXPIRED
    return validity


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


def listed_items(rows, url_for) -> list[ListedItem]:
    """`rows` (named rows of LIST_VALUES) as list rows; `url_for(url_path)` gives the URLs."""
    today = timezone.localdate()
    labels = dict(choice_labels(Validity))
    items = []
    for row in rows:
        validity = displayed_validity(row.validity, row.valid_until, today)
        items.append(
            ListedItem(
                pk=row.pk,
                title=row.title,
                url=url_for(row.url_path),
                index_number=row.index_number,
                document_number=row.document_number,
                organisation_name=row.organisation__short_name,
                publish_date=row.publish_date,
                published=row.publish_date.isoformat() if row.publish_date else "",
                validity=validity,
                validity_label=str(labels[validity]),
            )
        )
    return items
