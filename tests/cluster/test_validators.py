import pytest
from django.core.exceptions import ValidationError

from cluster.validators import (
    credit_code_check_character,
    is_valid_credit_code,
    is_valid_org_code,
    validate_credit_code,
    validate_organisation_code,
    validate_phone,
    validate_postcode,
    validate_resident_id,
    validate_site_id_code,
)


def test_credit_code_check_character_matches_published_example():
    # The national guide's example 索引号 uses this organ's code.
    assert is_valid_credit_code("11441700007280420Y")
    assert credit_code_check_character("11441700007280420") == "Y"


def test_wrong_check_character_is_refused_with_the_expected_one():
    with pytest.raises(ValidationError) as error:
        validate_credit_code("11441700007280420X")
    assert "第18位应为“Y”" in error.value.messages[0]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1144170000728042", "应为18位"),
        ("11441700007280420I", "不允许的字符"),
        ("11441700007280420y", "不允许的字符"),
    ],
)
def test_malformed_credit_codes_get_chinese_messages(value, message):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(value)
    assert message in error.value.messages[0]


def test_older_nine_character_organisation_code_is_accepted():
    assert is_valid_org_code("00728042-0")
    validate_organisation_code("007280420")
    with pytest.raises(ValidationError):
        validate_organisation_code("007280421")


def test_site_id_code_is_ten_digits():
    validate_site_id_code("4305000001")
    with pytest.raises(ValidationError):
        validate_site_id_code("43050000")


@pytest.mark.parametrize(
    "value",
    [
        "13912345678",
        "+86 13912345678",
        "0739-8812306",
        "07398812306",
        "8812306",
        "0739-8812306-801",
    ],
)
def test_phone_numbers_a_citizen_writes_are_accepted(value):
    validate_phone(value)


@pytest.mark.parametrize("value", ["139", "1391234567", "12345678901", "phone", "0739-88"])
def test_short_or_malformed_phone_numbers_are_refused(value):
    with pytest.raises(ValidationError, match="请填写正确的联系电话"):
        validate_phone(value)


def test_postcode_is_six_digits():
    validate_postcode("439000")
    for value in ("4390", "43900a", "4390001"):
        with pytest.raises(ValidationError, match="邮政编码应为6位数字"):
            validate_postcode(value)


def test_resident_id_check_digit_is_verified():
    validate_resident_id("110101199003070011")
    validate_resident_id("43050219900101123x")  # lower-case x is accepted
    with pytest.raises(ValidationError, match="校验位不正确"):
        validate_resident_id("110101199003070012")
    with pytest.raises(ValidationError, match="应为18位"):
        validate_resident_id("11010119900307")
