"""Filtering of disclosure items: shared by pages, feeds, API and admin.

Lists are ordered by (publish_date, id) descending and paged with `cluster.keyset`.
"""

import datetime as dt

from django.db.models import Q
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
