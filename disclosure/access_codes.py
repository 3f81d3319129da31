"""The applicant's private access code (查询码): issued once, stored only as a keyed digest.

Why a keyed HMAC and not the password hasher: a password hasher stretches (PBKDF2, about
0.4 s of one core here) because people choose guessable passwords. An access code is chosen
by the system: ten symbols from a 32-letter alphabet, 50 random bits. Against a stolen
database the key is what protects it (HMAC-SHA256 keyed with the project's secret key, which
never lives in the database), and online guessing is held off by the status page's rate
limits. Stretching would only cost every filing 0.4 s of CPU under load, where it starved the
application of the time it needs to answer everyone else.

Stored form: `hmac-sha256$<salt>$<hex digest>`. Digests made with a rotated-out secret still
verify through SECRET_KEY_FALLBACKS. Codes stored by earlier versions with the password hasher
(`pbkdf2_sha256$…`) still verify, and are rewritten in the new form when they do.
"""

import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, identify_hasher
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I look-alikes
LENGTH = 10
ALGORITHM = "hmac-sha256"
_KEY_SALT = "disclosure.access_code"


def new_code() -> str:
    """A fresh random access code (shown to the applicant once, never stored)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(code: str) -> str:
    """What the applicant typed, as issued: surrounding spaces and case do not matter."""
    return (code or "").strip().upper()


def _digest(code: str, salt: str, secret: str) -> str:
    return salted_hmac(_KEY_SALT, f"{salt}${code}", secret=secret, algorithm="sha256").hexdigest()


def make(code: str) -> str:
    """The stored form of `code` (a per-application salt: equal codes never look equal)."""
    salt = get_random_string(16)
    return f"{ALGORITHM}${salt}${_digest(normalise(code), salt, settings.SECRET_KEY)}"


def check(code: str, stored: str) -> bool:
    """Whether `code` is the one `stored` was made from (constant time in the digest)."""
    code = normalise(code)
    algorithm, _, rest = (stored or "").partition("$")
    if algorithm != ALGORITHM:
        return bool(stored) and _check_legacy(code, stored)
    salt, _, digest = rest.partition("$")
    secrets_to_try = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(_digest(code, salt, key), digest) for key in secrets_to_try)


def _check_legacy(code: str, stored: str) -> bool:
    try:
        identify_hasher(stored)
    except ValueError:
        return False
    return check_password(code, stored)


def needs_upgrade(stored: str) -> bool:
    """True for codes stored by the password hasher (rewritten after a successful check)."""
    return not (stored or "").startswith(f"{ALGORITHM}$")


_NO_APPLICATION = f"{ALGORITHM}${'0' * 16}${'0' * 64}"


def waste_time(code: str) -> None:
    """The same work as a real check, for an unknown application number: the answer's timing
    says nothing about whether the number exists."""
    check(code, _NO_APPLICATION)
