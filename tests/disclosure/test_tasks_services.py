"""The scheduled jobs run by a real Celery worker over Redis, against PostgreSQL (services)."""

import datetime as dt
import os
import subprocess
import sys
import uuid

import pytest
from django.db import connection

from disclosure import tasks
from disclosure.models import DisclosureRequest, OfficerNotification, Reminder, State
from disclosure.workflow import perform
from tests.helpers import make_organisation, make_user

from .helpers import make_request

pytestmark = [
    pytest.mark.services,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def worker_queue():
    """A `celery worker` process on a private queue, using this test's database."""
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    )
    queue = f"test-disclosure-{uuid.uuid4().hex[:8]}"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cluster", "worker", "--pool=solo",
         "--without-gossip", "--without-mingle", "--loglevel=WARNING", "-Q", queue],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cluster.settings.test",
             "DATABASE_URL": database_url},
    )  # fmt: skip
    from cluster.celery import app

    app.conf.task_always_eager = False
    yield queue
    app.conf.task_always_eager = True
    worker.terminate()
    worker.wait(timeout=30)


def run(task, queue, *args):
    return task.apply_async(args=args, queue=queue).get(timeout=120)


def test_reminders_through_a_worker_are_sent_once(worker_queue):
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname="fgw.localhost", parent=portal)
    make_user("fgw_officer", fgw, "officer")
    make_user("fgw_head", fgw, "head")
    for _ in range(3):
        make_request(fgw, dt.date(2026, 9, 29))
    assert run(tasks.send_deadline_reminders, worker_queue, "2026-10-26") == 3
    assert run(tasks.send_deadline_reminders, worker_queue, "2026-10-26") == 0
    assert Reminder.objects.filter(kind="before_5", sent_at__isnull=False).count() == 3
    assert OfficerNotification.objects.count() == 6  # officer and head, once per request
    assert run(tasks.send_deadline_reminders, worker_queue, "2026-11-03") == 3  # overdue
    assert run(tasks.send_deadline_reminders, worker_queue, "2026-11-03") == 0


def test_expiry_through_a_worker_closes_each_request_once(worker_queue):
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname="fgw.localhost", parent=portal)
    officer = make_user("fgw_officer", fgw, "officer")
    request = make_request(fgw, dt.date(2026, 9, 29))
    perform(request, "request_correction", officer, on=dt.date(2026, 9, 30),
            reply_by=dt.date(2026, 10, 16))  # fmt: skip
    assert run(tasks.expire_corrections_and_fees, worker_queue, "2026-10-20") == 1
    assert run(tasks.expire_corrections_and_fees, worker_queue, "2026-10-20") == 0
    request = DisclosureRequest.objects.get()
    assert request.state == State.CLOSED_WITHOUT_HANDLING
    assert request.transitions.filter(action="correction_expired").count() == 1
