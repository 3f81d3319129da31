"""The Celery application. Workers: `celery -A cluster worker`; scheduler: `celery -A cluster beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cluster.settings.dev")

app = Celery("cluster")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
