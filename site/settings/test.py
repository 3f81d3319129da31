"""Test profile: the embedded default, or real services when DATABASE_URL etc. are set."""

import os

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-secret"
ALLOWED_HOSTS = ["testserver", "localhost", ".localhost", ".example.gov.cn"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# pytest-xdist workers each get their own test database, so their files are kept apart too.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = VAR_DIR / f"test-media{_WORKER}"  # noqa: F405
DISCLOSURE_PRIVATE_ROOT = VAR_DIR / f"test-private{_WORKER}"  # noqa: F405
STORAGES["private"] = {**STORAGES["private"], "OPTIONS": {"location": str(DISCLOSURE_PRIVATE_ROOT)}}  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # Test databases are throw-away copies (tests/database.py): no waiting for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA synchronous=OFF"  # noqa: F405
# Tests run tasks in-process unless a test starts a real worker explicitly.
CELERY_TASK_ALWAYS_EAGER = True
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", default="govcms-test")
WAGTAILADMIN_BASE_URL = "http://testserver"
# Wagtail's own index serves only the admin's page search; keeping it current costs a write
# per page save in every test. The project's search (app `search`) has its own records and is
# unaffected; tests of the admin search use the `wagtail_search_index` fixture.
WAGTAILSEARCH_BACKENDS = {
    name: {**backend, "AUTO_UPDATE": False}
    for name, backend in WAGTAILSEARCH_BACKENDS.items()  # noqa: F405
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Services profile: the page cache lives in Redis, as in production.
if env("REDIS_URL", default=""):
    CACHES["pagecache"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env("REDIS_URL"),
        "KEY_PREFIX": f"pagecache-test{_WORKER}",  # xdist workers must not purge each other
    }
