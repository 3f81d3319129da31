"""Embedded default: SQLite under var/, in-process tasks, database search. Nothing to install."""

from .base import *  # noqa: F403
from .base import env

# Off unless asked for (DJANGO_DEBUG=True): `make demo` shows what citizens see, never a
# debug page. Static files still come from whitenoise (finders), media from SERVE_MEDIA.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
