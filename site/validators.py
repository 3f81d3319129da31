"""Validators for Chinese identifiers: 统一社会信用代码, 组织机构代码, 网站标识码, 居民身份证号码,
phone numbers and postcodes."""

import re

from django.core.exceptions import ValidationError

from .personal_data import is_valid_id_card

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def credit_code_check_character(first17: str) -> str:
    """Return the GB 32100-2015 check character for the first 17 characters of a credit code."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(char) * weight
        for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def org_code_check_character(first8: str) -> str:
    """Return the GB 11714-1997 check character for the first 8 characters of an org code."""
    total = sum(
        int(char, 36) * weight for char, weight in zip(first8, ORG_CODE_WEIGHTS, strict=True)
    )
    remainder = 11 - total % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def is_valid_credit_code(code: str) -> bool:
    """True for an 18-character 统一社会信用代码 with a correct check character."""
    return (
        len(code) == 18
        and all(char in CREDIT_CODE_ALPHABET for char in code)
        and credit_code_check_character(code[:17]) == code[17]
    )


def is_valid_org_code(code: str) -> bool:
    """True for a 9-character 组织机构代码 (with or without the hyphen) with a correct check."""
    code = code.replace("-", "")
    return (
        len(code) == 9
        and code[:8].isalnum()
        and code[:8].isascii()
        and code[:8] == code[:8].upper()
        and org_code_check_character(code[:8]) == code[8]
    )


def validate_credit_code(value: str) -> None:
    """Accept an 18-character 统一社会信用代码 only."""
    if len(value) != 18:
        raise ValidationError(
            "统一社会信用代码应为18位，当前为%(length)d位。", params={"length": len(value)}
        )
    bad = [char for char in value if char not in CREDIT_CODE_ALPHABET]
    if bad:
        raise ValidationError(
            "统一社会信用代码含有不允许的字符：%(chars)s（不使用I、O、Z、S、V，字母须大写）。",
            params={"chars": "".join(bad)},
        )
    expected = credit_code_check_character(value[:17])
    if value[17] != expected:
        raise ValidationError(
            "统一社会信用代码校验位错误：第18位应为“%(expected)s”，请核对。",
            params={"expected": expected},
        )


def validate_organisation_code(value: str) -> None:
    """Accept a 统一社会信用代码, or an older 9-character 组织机构代码."""
    if len(value.replace("-", "")) == 9:
        if not is_valid_org_code(value):
            raise ValidationError("组织机构代码格式或校验位错误，请核对（9位，例如 00728042-0）。")
        return
    validate_credit_code(value)


def validate_site_id_code(value: str) -> None:
    """网站标识码: 10 digits issued by the national government-website register."""
    if not (len(value) == 10 and value.isdigit()):
        raise ValidationError("网站标识码应为10位数字。")


def validate_resident_id(value: str) -> None:
    """居民身份证号码: 18 characters whose last is the GB 11643-1999 check digit (0-9 or X)."""
    value = value.strip().upper()
    if len(value) != 18 or not value[:17].isdigit():
        raise ValidationError(
            "居民身份证号码应为18位：前17位为数字，最后一位为数字或X，当前为%(length)d位。",
            params={"length": len(value)},
        )
    if not is_valid_id_card(value):
        raise ValidationError("居民身份证号码校验位不正确，请核对后重新填写。")


PHONE_PATTERN = re.compile(
    r"(?:\+?86[- ]?)?1[3-9]\d{9}"  # mobile
    r"|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?"  # landline with area code, optional extension
    r"|[1-9]\d{6,7}"  # local landline without area code
)
POSTCODE_PATTERN = re.compile(r"\d{6}")


def validate_phone(value: str) -> None:
    """A mainland mobile number (11 digits) or a landline (area code, 7-8 digits, extension)."""
    if not PHONE_PATTERN.fullmatch(value.strip().replace(" ", "")):
        raise ValidationError(
            "请填写正确的联系电话：手机号码为11位（如 13912345678），"
            "固定电话请带区号（如 0731-88886666）。"
        )


def validate_postcode(value: str) -> None:
    """邮政编码: six digits."""
    if not POSTCODE_PATTERN.fullmatch(value.strip()):
        raise ValidationError("邮政编码应为6位数字（如 410000）。")
