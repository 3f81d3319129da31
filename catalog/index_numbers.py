"""索引号: the one place that formats and allocates index numbers (GB/T 21063.4 identifiers).

The national default is `<org code>/<year>-<5-digit serial>`. An organisation may set its own
pattern on its 专栏 (CatalogRootPage.index_number_pattern) using these placeholders:
{org_code} (统一社会信用代码), {org_slug}, {year}, {month}, {serial} with an optional width,
e.g. `{org_code}/{year}{month}-{serial:05d}`. Serials count per organisation and year (or for
ever when the pattern has no {year}); they are taken under a row lock in the same transaction
that publishes the item (cluster.numbering), so concurrent publishing neither repeats nor
skips a number.
"""

import datetime as dt
import re
import string

from django.core.exceptions import ValidationError

from cluster import numbering

DEFAULT_PATTERN = "{org_code}/{year}-{serial:05d}"
INDEX_NUMBER = "index_number"  # numbering scope kind
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
    The serial comes from the one numbering service (cluster.numbering).
    """
    pattern = pattern_for(organisation)
    return format_index_number(pattern, organisation, date, next_index_serial(organisation, date))


def index_scope(organisation, date: dt.date, pattern: str | None = None) -> str:
    """The numbering scope of `organisation`'s 索引号 on `date`: per year, or for ever."""
    pattern = pattern or pattern_for(organisation)
    return numbering.scope(INDEX_NUMBER, organisation, date.year if "{year" in pattern else 0)


def next_index_serial(organisation, date: dt.date) -> int:
    return numbering.next_serial(index_scope(organisation, date))
