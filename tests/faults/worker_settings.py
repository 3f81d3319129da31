"""Settings of the Celery workers the fault tests start: the test profile, with e-mail written
to files the test can read (FAULT_MAIL_DIR) and unacknowledged tasks redelivered after a few
seconds instead of an hour (Redis visibility timeout), so a killed worker's job comes back
within the test."""

from cluster.settings.test import *  # noqa: F403
from cluster.settings.test import env

CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = env("FAULT_MAIL_DIR", default="/tmp/govcms-fault-mail")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("FAULT_VISIBILITY_TIMEOUT", default=3600)
}
