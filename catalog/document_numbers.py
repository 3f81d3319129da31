"""文号: normalisation to 〔〕 and the shape check (docs/statute.md §4). The one place for both."""

import re

from django.core.exceptions import ValidationError

_OPENING = "[［【〔(（"
_CLOSING = "]］】〕)）"
_YEAR_IN_BRACKETS = re.compile(rf"[{re.escape(_OPENING)}]\s*(\d{{4}})\s*[{re.escape(_CLOSING)}]")
# <issuer abbreviation>〔<year>〕<number>号, e.g. 云溪发改规〔2025〕3号
DOCUMENT_NUMBER = re.compile(r"^[\u4e00-\u9fa5A-Za-z0-9]{1,20}〔(19|20)\d{2}〕第?\d{1,5}号$")
# Government rules are numbered by decree instead: 云溪市人民政府令第12号
DECREE_NUMBER = re.compile(r"^[\u4e00-\u9fa5]{2,30}令第\d{1,5}号$")


def normalise_document_number(value: str) -> str:
    """Write the year brackets as 〔〕 and drop stray spaces: `云政发[2024] 3 号` → `云政发〔2024〕3号`."""
    value = re.sub(r"\s+", "", value or "")
    return _YEAR_IN_BRACKETS.sub(r"〔\1〕", value)


def validate_document_number(value: str) -> None:
    """Raise a Chinese ValidationError unless `value` (normalised) looks like 机关代字〔年份〕序号号."""
    normalised = normalise_document_number(value)
    if value and not (DOCUMENT_NUMBER.match(normalised) or DECREE_NUMBER.match(normalised)):
        raise ValidationError(
            "文号“%(value)s”格式不正确，应为“机关代字〔年份〕序号号”（例如“云溪发改规〔2025〕3号”）或“××令第×号”。",
            params={"value": value},
            code="document_number",
        )
