"""Catalog figures for table 二 of the annual report (第二十条第(一)项: 规章, 行政规范性文件)."""

import datetime as dt

from django.db.models import Count, Q

from .models import DisclosureItemPage, DocumentClass, Validity


def table_two_counts(organisation, year: int) -> dict[str, int]:
    """本年制发 (written in `year`), 本年废止 (repealed in `year`), 现行有效 (valid at year end)."""
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    issued = Q(written_date__range=(year_start, year_end))
    repealed = Q(validity=Validity.REPEALED, validity_changed_on__range=(year_start, year_end))
    ended_by_year_end = Q(
        validity__in=[Validity.REPEALED, Validity.EXPIRED], validity_changed_on__lte=year_end
    ) | Q(valid_until__lt=year_end)
    valid = Q(written_date__lte=year_end) & ~ended_by_year_end
    counts = (
        DisclosureItemPage.objects.live()
        .filter(organisation=organisation)
        .order_by()
        .values("document_class")
        .annotate(
            issued=Count("pk", filter=issued),
            repealed=Count("pk", filter=repealed),
            valid=Count("pk", filter=valid),
        )
    )
    by_class = {row["document_class"]: row for row in counts}
    result = {}
    for document_class, prefix in (
        (DocumentClass.REGULATION, "regulations"),
        (DocumentClass.NORMATIVE, "normative"),
    ):
        row = by_class.get(document_class, {})
        for key in ("issued", "repealed", "valid"):
            result[f"{prefix}_{key}"] = row.get(key, 0)
    return result
