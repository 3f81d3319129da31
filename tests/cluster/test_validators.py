import pytest
from django.core.exceptions import ValidationError

from cluster.validators import (
    credit_code_check_character,
    is_valid_credit_code,
    is_valid_org_code,
    validate_credit_code,
    validate_organisation_code,
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
