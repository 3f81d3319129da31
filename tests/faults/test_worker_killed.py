"""A Celery worker killed (SIGKILL) in the middle of a reminder run: no notice lost, none twice.

The run is stopped at a known point: the test holds an uncommitted Reminder row of one request,
so the worker blocks on the unique constraint when it reaches that request, after it has sent
the earlier ones (each reminder's e-mail is queued in the outbox in the same transaction). The
worker is then killed; the task was not acknowledged (acks_late), so the
broker hands it to a new worker, which sends the rest and skips what was sent.
"""

import datetime as dt

import psycopg
import pytest
from django.db import connection

from cluster.models import OutgoingMail
from disclosure import tasks
from disclosure.models import OfficerNotification, Reminder
from tests.disclosure.helpers import make_request
from tests.helpers import make_organisation, make_user

from .servers import wait_until
from .workers import celery_client, sent_mail

pytestmark = [
    pytest.mark.services,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REQUESTS = 40
BLOCKED_AT = 20  # the worker stops on the 20th request: 19 sent before the kill


def raw_connection():
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"], port=db["PORT"], dbname=db["NAME"], user=db["USER"],
        password=db["PASSWORD"],
    )  # fmt: skip


def waiting_on_a_lock() -> bool:
    """Whether a session of the test database waits for a lock (the worker, on our row)."""
    with raw_connection() as probe:
        row = probe.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ).fetchone()
    return row[0] > 0


def test_killed_reminder_run_is_finished_by_another_worker_exactly_once(redis_server, workers):
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname="fgw.localhost", parent=portal)
    for name, role in (("fgw_officer", "officer"), ("fgw_head", "head")):
        user = make_user(name, fgw, role)
        user.email = f"{role}@fgw.example"
        user.save()
    requests = [make_request(fgw, dt.date(2026, 9, 29)) for _ in range(REQUESTS)]
    blocked = requests[BLOCKED_AT - 1]
    broker = redis_server.url(0)

    with raw_connection() as blocker, celery_client(broker):
        blocker.execute(  # uncommitted: the worker's insert of this row waits for us
            "INSERT INTO disclosure_reminder (request_id, kind, due_on) VALUES (%s, %s, %s)",
            (blocked.pk, "before_5", blocked.due_on),
        )
        first = workers(broker, FAULT_VISIBILITY_TIMEOUT=5)
        run = tasks.send_deadline_reminders.delay("2026-10-26")
        wait_until(waiting_on_a_lock, 90, "the worker never reached the lock")
        assert Reminder.objects.filter(sent_at__isnull=False).count() == BLOCKED_AT - 1
        first.kill()
        blocker.rollback()

        assert OfficerNotification.objects.count() == 2 * (BLOCKED_AT - 1)
        workers(broker, FAULT_VISIBILITY_TIMEOUT=5)  # the job comes back to this one
        # The same task, redelivered: it sends the rest and skips what was sent before.
        assert run.get(timeout=120) == REQUESTS - (BLOCKED_AT - 1)
        # The next scheduled run (the beat entry, hourly) finds nothing left to send.
        assert tasks.send_deadline_reminders.delay("2026-10-26").get(timeout=60) == 0
        # Each reminder's e-mail left through the outbox after its commit (relay tasks).
        wait_until(lambda: len(sent_mail(workers.mail_dir)) >= REQUESTS, 60, "mails not relayed")
        assert not OutgoingMail.objects.filter(sent_at__isnull=True).exists()

    for request in requests:
        assert request.reminders.filter(kind="before_5").count() == 1
        assert OfficerNotification.objects.filter(request=request).count() == 2
    mails = sent_mail(workers.mail_dir)
    numbers = sorted(mail["body"].split()[1] for mail in mails)
    assert numbers == sorted(request.number for request in requests)  # each exactly once
    assert all(mail["to"] == ["head@fgw.example", "officer@fgw.example"] for mail in mails)
