"""The access code (查询码): a keyed digest in the database, old password-hasher digests kept."""

import datetime as dt

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import override_settings

from cluster import workdays
from disclosure import access_codes
from disclosure.models import DisclosureRequest
from disclosure.registration import find_by_access_code, register
from tests.helpers import make_organisation

from .helpers import APPLICANT


def test_the_database_holds_a_salted_keyed_digest_never_the_code():
    code = access_codes.new_code()
    assert len(code) == access_codes.LENGTH and set(code) <= set(access_codes.ALPHABET)
    first, second = access_codes.make(code), access_codes.make(code)
    assert first.startswith("hmac-sha256$") and code not in first
    assert first != second  # a salt per application: equal codes do not look equal
    assert access_codes.check(code, first) and access_codes.check(code, second)
    assert access_codes.check(f"  {code.lower()} ", first)  # as typed: spaces, lower case
    assert not access_codes.check("AAAAAAAAAA", first)
    assert not access_codes.check(code, "") and not access_codes.check(code, "garbage")


def test_the_digest_depends_on_the_secret_key_and_survives_its_rotation():
    with override_settings(SECRET_KEY="old-secret-key-" + "x" * 40):
        stored = access_codes.make("ABCDEFGHJK")
    with override_settings(SECRET_KEY="new-secret-key-" + "y" * 40):
        assert not access_codes.check("ABCDEFGHJK", stored)  # a stolen database is not enough
    with override_settings(
        SECRET_KEY="new-secret-key-" + "y" * 40,
        SECRET_KEY_FALLBACKS=["old-secret-key-" + "x" * 40],
    ):
        assert access_codes.check("ABCDEFGHJK", stored)


@pytest.mark.backends
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"])
def test_a_code_stored_by_the_password_hasher_still_opens_and_is_rewritten(db):
    workdays.clear_cache()
    department = make_organisation("fgw", hostname="fgw.localhost")
    application, code = register(
        organisation=department, submitted_on=dt.date(2026, 11, 27), **APPLICANT
    )
    # As earlier versions stored it with the production password hasher (few iterations here:
    # the format matters, not the cost).
    legacy = PBKDF2PasswordHasher().encode(code, "legacysalt1234", iterations=1000)
    DisclosureRequest.objects.filter(pk=application.pk).update(access_code_hash=legacy)

    assert find_by_access_code(application.number, "AAAAAAAAAA") is None
    assert DisclosureRequest.objects.get(pk=application.pk).access_code_hash == legacy
    assert find_by_access_code(application.number.lower(), code.lower()) == application
    rewritten = DisclosureRequest.objects.get(pk=application.pk).access_code_hash
    assert rewritten.startswith("hmac-sha256$")
    assert find_by_access_code(application.number, code) == application
    assert find_by_access_code("FGW-2026-99999", code) is None
