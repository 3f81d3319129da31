"""The embedded default (`make demo`'s settings) for the browser tests' demo server.

Only the password hasher differs, as in the test profile (cluster.settings.test): the demo's
accounts cost over a minute of PBKDF2 (a million rounds per password) on a busy machine, and
every login in a journey pays it again. No browser test is about how passwords are stored.
"""

from cluster.settings.dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
