"""索引号: the one place that formats and allocates index numbers (DOMAIN.md §4).

The national default is `<org code>/<year>-<5-digit serial>`. An organisation may set its own
pattern on its 专栏 (CatalogRootPage.index_number_pattern) using these placeholders:
{org_code} (统一社会信用代码), {org_slug}, {year}, {month}, {serial} with an optional width,
e.g. `{org_code}/{year}{month}-{serial:05d}`. Serials count per organisation and year (or for
ever when the pattern has no {year}); they are taken under a row lock in the same transaction
that publishes the item, so concurrent publishing neither repeats nor skips a number.
"""

import datetime as dt
import re
import string

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

DEFAULT_PATTERN = "{org_code}/{year}-{serial:05d}"
PLACEHOLDERS = {"org_code", "org_slug", "year", "month", "serial"}
_WIDTH = re.compile(r"^0?\d*d$")


def validate_pattern(pattern: str) -> None:
    """Reject patterns with unknown placeholders or without a serial."""
    try:
        fields = [
            (name, spec) for _text, name, spec, _conv in string.Formatter().parse(pattern) if name
        ]
    except ValueError as error:
        raise ValidationError("索引号规则格式有误：%(error)s", params={"error": error}) from error
    unknown = {name for name, _spec in fields} - PLACEHOLDERS
    if unknown:
        raise ValidationError(
            "索引号规则包含未知占位符：%(names)s；可用：{org_code} {org_slug} {year} {month} {serial}",
            params={"names": "、".join(sorted(unknown))},
        )
    if not any(name == "serial" for name, _spec in fields):
        raise ValidationError("索引号规则必须包含流水号 {serial}，例如 {serial:05d}。")
    for name, spec in fields:
        if name == "serial" and spec and not _WIDTH.match(spec):
            raise ValidationError("流水号格式只能写成 {serial} 或 {serial:05d} 这样的位数。")


def format_index_number(pattern: str, organisation, date: dt.date, serial: int) -> str:
    """The index number `serial` gets under `pattern` for `organisation` on `date`."""
    return pattern.format(
        org_code=organisation.credit_code,
        org_slug=organisation.slug,
        year=f"{date.year:04d}",
        month=f"{date.month:02d}",
        serial=serial,
    )


def pattern_for(organisation) -> str:
    """The organisation's configured pattern, or the national default."""
    from .models import CatalogRootPage

    root = (
        CatalogRootPage.objects.filter(organisation=organisation)
        .only("index_number_pattern")
        .first()
    )
    return (root.index_number_pattern if root else "") or DEFAULT_PATTERN


def allocate_index_number(organisation, date: dt.date) -> str:
    """Take the next serial for `organisation` and return the formatted 索引号.

    Must run inside the transaction that stores the number, so a rollback returns the serial.
    """
    from .models import IndexNumberSequence

    pattern = pattern_for(organisation)
    scope_year = date.year if "{year" in pattern else 0
    if not IndexNumberSequence.objects.filter(organisation=organisation, year=scope_year).exists():
        try:
            with transaction.atomic():
                IndexNumberSequence.objects.create(organisation=organisation, year=scope_year)
        except IntegrityError:
            pass  # another transaction created it first; the lock below serialises us
    sequence = IndexNumberSequence.objects.select_for_update().get(
        organisation=organisation, year=scope_year
    )
    sequence.last_serial += 1
    sequence.save(update_fields=["last_serial"])
    return format_index_number(pattern, organisation, date, sequence.last_serial)
