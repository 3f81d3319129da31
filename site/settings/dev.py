"""Embedded default: SQLite under var/, in-process tasks, database search. Nothing to install."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# `make demo` runs with DEBUG off (what citizens see: no debug pages); whitenoise still serves
# static files from the finders and Django serves uploaded media.
SERVE_MEDIA = True
