"""Settings of the Celery workers the fault tests start: the test profile, with e-mail written
to files the test can read (FAULT_MAIL_DIR) and unacknowledged tasks redelivered after a few
seconds instead of an hour (Redis visibility timeout), so a killed worker's job comes back
within the test. Kombu looks for such jobs only every `unacked_restore_interval` seconds (10)
and scans Redis only on every `unacked_restore_throttle`-th look (10): a job that the first scan
after a worker starts does not find waited 100 s more. The fault workers look every second."""

from cluster.settings.test import *  # noqa: F403
from cluster.settings.test import env

CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = env("FAULT_MAIL_DIR", default="/tmp/govcms-fault-mail")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("FAULT_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
