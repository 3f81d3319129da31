"""Personal data in text: the one place that finds and masks ID-card and mobile numbers.

Used before publishing (blocking unmasked numbers), when rendering records that carry personal
data (approval notices, replies) and when preparing search documents (the last line of defence).

Sources: 中华人民共和国个人信息保护法 (2021) 第二十八条 (ID numbers are sensitive personal data);
GB 11643-1999 公民身份号码 (18 characters, MOD 11-2 check character; the 15-digit numbers issued
before 1999 carry a 2-digit year and no check character); 政府信息公开条例 第十五条 (personal
privacy is not disclosed); 国办发〔2019〕54号 and the 双公示 data standard (masked publication).

Numbers are found however they are typed: full-width digits (１３９…), any Unicode space or
zero-width character between the digits, 18- and 15-digit IDs. An 18-digit ID whose check
character fails cannot be verified, so it is masked in full rather than partially.
"""

import re
import unicodedata
from dataclasses import dataclass

ID_CARD_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CARD_CHECK = "10X98765432"
ID_CARD_KIND = "身份证号码"
MOBILE_KIND = "手机号码"

# Candidates only: one optional space between any two characters; the structure (area code,
# birth date) is checked in Python. The look-ahead makes candidates overlap so a number
# preceded by another number and a space is still found.
_SEP = "[ ]?"
_ID18 = re.compile(
    r"(?<![0-9A-Za-z])(?=(\d(?:" + _SEP + r"\d){16}" + _SEP + r"[\dXx])(?![0-9A-Za-z]))"
)
_ID15 = re.compile(r"(?<![0-9A-Za-z])(?=(\d(?:" + _SEP + r"\d){14})(?![0-9A-Za-z]))")
# Cheap pre-check: at least 11 digits in a row (single separators allowed), else nothing to find.
_ENOUGH_DIGITS = re.compile(r"(?:[0-9\uff10-\uff19][^0-9\uff10-\uff19]?){10}[0-9\uff10-\uff19]")
# Mainland mobile numbers (1[3-9]x xxxx xxxx), optionally with +86 and separators.
MOBILE_PATTERN = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")


class _Fold(dict):
    """str.translate table, filled on demand: one character in, one character out, so that
    positions in the folded text are positions in the original text."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isspace() or unicodedata.category(char) in ("Zs", "Cf"):
            folded = " "  # U+3000, U+00A0, zero-width space/joiner, BOM ...
        else:
            folded = unicodedata.normalize("NFKC", char)
            folded = folded if len(folded) == 1 else char
        self[code] = folded
        return folded


_FOLD = _Fold()


def fold(text: str) -> str:
    """`text` with full-width forms made half-width (NFKC) and every Unicode space or zero-width
    character made a plain space, character for character (same length)."""
    return text if text.isascii() else text.translate(_FOLD)


def normalise(text: str) -> str:
    """Input normalisation: NFKC, zero-width characters removed, Unicode spaces made plain
    spaces, runs of spaces collapsed, ends trimmed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        "" if unicodedata.category(c) == "Cf" else " " if c.isspace() else c for c in text
    )
    return re.sub(r" {2,}", " ", text).strip()


@dataclass(frozen=True)
class Finding:
    kind: str  # "身份证号码" or "手机号码"
    start: int
    end: int
    value: str


def _digits(value: str) -> str:
    return fold(value).replace(" ", "").upper()


def is_valid_id_card(value: str) -> bool:
    """True when an 18-character resident ID has a correct GB 11643 check character."""
    value = _digits(value)
    if len(value) != 18 or not value[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], ID_CARD_WEIGHTS, strict=True))
    return ID_CARD_CHECK[total % 11] == value[17]


def _plausible_date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31 and 1800 <= year <= 2099


def id_card_birth_date(value: str) -> tuple[int, int, int] | None:
    """(year, month, day) of an 18- or 15-digit ID's birth-date part, or None."""
    digits = _digits(value)
    if len(digits) == 18 and digits[:17].isdigit():
        date = (int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    elif len(digits) == 15 and digits.isdigit():
        date = (1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))
    else:
        return None
    return date if _plausible_date(*date) else None


def looks_like_id_card(value: str) -> bool:
    """The shape of a resident ID (area code, birth date), whatever its check character."""
    digits = _digits(value)
    return digits[:1] in "123456789" and id_card_birth_date(digits) is not None


def _spans(pattern, folded: str, taken: list[tuple[int, int]]):
    for match in pattern.finditer(folded):
        start, end = match.start(1), match.end(1)
        if any(s < end and start < e for s, e in taken) or not looks_like_id_card(match.group(1)):
            continue
        taken.append((start, end))
        yield start, end


def find_personal_data(text: str) -> list[Finding]:
    """Unmasked ID-card and mobile numbers in `text`, in order of appearance (positions and
    values refer to `text` as given, full-width or spaced forms included)."""
    if not _ENOUGH_DIGITS.search(text):
        return []
    folded = fold(text)
    taken: list[tuple[int, int]] = []
    findings = [
        Finding(ID_CARD_KIND, start, end, text[start:end])
        for pattern in (_ID18, _ID15)
        for start, end in _spans(pattern, folded, taken)
    ]
    findings += [
        Finding(MOBILE_KIND, m.start(), m.end(), text[m.start() : m.end()])
        for m in MOBILE_PATTERN.finditer(folded)
        if not any(s < m.end() and m.start() < e for s, e in taken)
    ]
    return sorted(findings, key=lambda finding: finding.start)


def mask_id_card(value: str) -> str:
    """430521********1234 (18 digits: first 6 and last 4 kept), 430521******123 (15 digits:
    first 6 and last 3); an 18-digit number whose check character fails is masked in full."""
    digits = _digits(value)
    if len(digits) == 18 and not is_valid_id_card(digits):
        return "*" * 18
    if len(digits) == 15:
        return digits[:6] + "*" * 6 + digits[-3:]
    return (
        digits[:6] + "*" * (len(digits) - 10) + digits[-4:]
        if len(digits) > 10
        else "*" * len(value)
    )


def mask_phone(value: str) -> str:
    """Keep the first 3 and last 4 digits: 139****5678."""
    digits = re.sub(r"\D", "", fold(value))[-11:]
    return digits[:3] + "****" + digits[-4:] if len(digits) == 11 else "*" * len(value)


def mask_name(value: str) -> str:
    """Keep the family name: 张** (a natural person's name in public notices)."""
    return value[:1] + "*" * (len(value) - 1) if value else value


def mask_address(value: str) -> str:
    """Keep the first 6 characters (province/city/district level) of an address."""
    return value[:6] + "****" if len(value) > 6 else "****"


def mask_text(text: str, names=()) -> str:
    """Mask every ID-card and mobile number inside free text, and every occurrence of the
    known personal `names` (e.g. an applicant's name typed into a reply summary)."""
    masked, last = [], 0
    for finding in find_personal_data(text):
        masked.append(text[last : finding.start])
        masked.append(
            mask_id_card(finding.value)
            if finding.kind == ID_CARD_KIND
            else mask_phone(finding.value)
        )
        last = finding.end
    masked.append(text[last:])
    result = "".join(masked)
    for name in sorted(
        {n.strip() for n in names if n and len(n.strip()) > 1}, key=len, reverse=True
    ):
        result = result.replace(name, mask_name(name))
    return result


CONTEXT_CHARS = 8


@dataclass(frozen=True)
class Issue:
    """One problem found in a field's text, with where it is (shown to the editor)."""

    field: str
    position: int  # 1-based character position in the field's text
    found: str  # masked for personal data
    context: str
    message: str


def context_of(text: str, start: int, end: int) -> str:
    """A few characters either side of text[start:end], the match in 【】, numbers masked."""
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return mask_text(f"…{before}【{text[start:end]}】{after}…")


def personal_data_issues_in(texts: dict[str, str]) -> list[Issue]:
    """Unmasked ID-card and mobile numbers in {field: plain text}: these block publishing,
    with the same Chinese message and 1-based position everywhere (pages, documents, replies)."""
    issues = []
    for field, text in texts.items():
        for finding in find_personal_data(text):
            context = context_of(text, finding.start, finding.end)
            shown = mask_text(finding.value)
            issues.append(
                Issue(
                    field,
                    finding.start + 1,
                    shown,
                    context,
                    f"第{finding.start + 1}个字符处有未打码的{finding.kind}“{shown}”，"
                    f"请打码后再提交：{context}",
                )
            )
    return issues
