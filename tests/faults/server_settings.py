"""The production settings, for a gunicorn server the fault tests start on plain HTTP.

Only what a test machine lacks is changed: static files are served without a collectstatic
manifest. The database settings (persistent connections, health checks) stay production's.
"""

from cluster.settings.production import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405  (production's, the private storage of applicants' files included)
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
