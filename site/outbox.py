"""The transactional outbox for e-mails: queue inside the transaction, send after it commits.

`queue_mail()` writes an `OutgoingMail` row in the caller's transaction and, once it commits,
asks a Celery worker to send it. When the broker is unreachable (Redis down) the request that
accepted the event still succeeds: the row waits, and the `relay_outbox` beat job (defined here,
beside the queue, so callers never import a task module) sends every unsent row when Celery runs
again. Each row is sent under a row lock and marked sent in the same transaction, so two relays
never send it twice.
"""

import logging

from celery import shared_task
from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone

from .models import OutgoingMail

logger = logging.getLogger(__name__)

BATCH = 100


def queue_mail(subject: str, body: str, recipients) -> OutgoingMail | None:
    """Queue an e-mail in the current transaction; it is sent after the commit."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return None
    mail = OutgoingMail.objects.create(subject=subject[:200], body=body, recipients=recipients)
    _relay_after_commit(mail.pk)
    return mail


class _Relay:
    """The after-commit call that hands a transaction's queued mails to one Celery task."""

    def __init__(self, pk: int):
        self.pks = [pk]

    def __call__(self):
        try:
            # No result wanted: with a Redis result backend, waiting for one would retry 20 s.
            relay_outbox.apply_async((self.pks,), ignore_result=True)
        except Exception as error:  # broker unreachable: the periodic relay sends them later
            logger.warning("Outbox mails %s wait for the periodic relay: %s", self.pks, error)


def _relay_after_commit(pk: int):
    """One task per transaction, not one per mail: a filing queues two mails, and each
    publication to the broker cost the request a round trip and a message to build."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # the relay of this transaction, if one is still pending (a rolled-back savepoint
        # takes its callbacks with it, so a relay found here runs after this mail's commit)
        for entry in connection.run_on_commit:
            if isinstance(entry[1], _Relay):
                entry[1].pks.append(pk)
                return
    transaction.on_commit(_Relay(pk))


@shared_task
def relay_outbox(pks: list[int] | None = None) -> int:
    """Send queued e-mails: after each commit, and every minute (beat)."""
    return relay(pks)


def relay(pks=None, batch: int = BATCH) -> int:
    """Send unsent mails (those in `pks`, or the oldest `batch`); returns how many were sent."""
    pending = OutgoingMail.objects.filter(sent_at__isnull=True)
    if pks is not None:
        pending = pending.filter(pk__in=pks)
    sent = 0
    for pk in list(pending.order_by("pk").values_list("pk", flat=True)[:batch]):
        sent += _send_one(pk)
    return sent


def _send_one(pk: int) -> int:
    lock = {"skip_locked": True} if connection.features.has_select_for_update_skip_locked else {}
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update(**lock)
            .filter(pk=pk, sent_at__isnull=True)
            .first()
        )
        if mail is None:  # sent meanwhile, or another relay holds it
            return 0
        mail.attempts += 1
        try:
            send_mail(mail.subject, mail.body, None, mail.recipients)
        except Exception as error:  # mail server down: keep it for the next run
            mail.last_error = str(error)[:300]
            mail.save(update_fields=["attempts", "last_error"])
            logger.warning("Outbox mail %s not sent: %s", pk, error)
            return 0
        mail.sent_at = timezone.now()
        mail.save(update_fields=["attempts", "sent_at"])
    return 1
