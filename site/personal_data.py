"""Personal data in text: the one place that finds and masks ID-card and mobile numbers.

Used before publishing (blocking unmasked numbers) and when rendering records that carry
personal data (approval notices, replies). DOMAIN.md §2, §7.
"""

import re
from dataclasses import dataclass

# 18-digit resident ID: 6-digit area, birth date 18xx–20xx, 3-digit sequence, check digit/X.
ID_CARD_PATTERN = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])"
)
# Mainland mobile numbers, optionally with +86 and separators.
MOBILE_PATTERN = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
ID_CARD_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CARD_CHECK = "10X98765432"


@dataclass(frozen=True)
class Finding:
    kind: str  # "身份证号码" or "手机号码"
    start: int
    end: int
    value: str


def is_valid_id_card(value: str) -> bool:
    """True when an 18-character resident ID has a correct GB 11643 check digit."""
    value = value.upper()
    if len(value) != 18 or not value[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], ID_CARD_WEIGHTS, strict=True))
    return ID_CARD_CHECK[total % 11] == value[17]


def find_personal_data(text: str) -> list[Finding]:
    """Unmasked ID-card and mobile numbers in `text`, in order of appearance."""
    findings = [
        Finding("身份证号码", m.start(), m.end(), m.group()) for m in ID_CARD_PATTERN.finditer(text)
    ]
    findings += [
        Finding("手机号码", m.start(), m.end(), m.group())
        for m in MOBILE_PATTERN.finditer(text)
        if not any(f.start <= m.start() < f.end for f in findings)
    ]
    return sorted(findings, key=lambda finding: finding.start)


def mask_id_card(value: str) -> str:
    """Keep the first 6 and last 4 characters: 430521********1234."""
    return value[:6] + "*" * (len(value) - 10) + value[-4:] if len(value) > 10 else "*" * len(value)


def mask_phone(value: str) -> str:
    """Keep the first 3 and last 4 digits: 139****5678."""
    digits = re.sub(r"\D", "", value)[-11:]
    return digits[:3] + "****" + digits[-4:] if len(digits) == 11 else "*" * len(value)


def mask_name(value: str) -> str:
    """Keep the family name: 张** (a natural person's name in public notices)."""
    return value[:1] + "*" * (len(value) - 1) if value else value


def mask_address(value: str) -> str:
    """Keep the first 6 characters (province/city/district level) of an address."""
    return value[:6] + "****" if len(value) > 6 else "****"


def mask_text(text: str) -> str:
    """Mask every ID-card and mobile number inside free text."""
    masked, last = [], 0
    for finding in find_personal_data(text):
        masked.append(text[last : finding.start])
        masked.append(
            mask_id_card(finding.value)
            if finding.kind == "身份证号码"
            else mask_phone(finding.value)
        )
        last = finding.end
    masked.append(text[last:])
    return "".join(masked)
