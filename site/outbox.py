"""The transactional outbox for e-mails: queue inside the transaction, send after it commits.

`queue_mail()` writes an `OutgoingMail` row in the caller's transaction and, once it commits,
asks a Celery worker to send it. When the broker is unreachable (Redis down) the request that
accepted the event still succeeds: the row waits, and the `relay_outbox` beat job (defined here,
beside the queue, so callers never import a task module) sends every unsent row when Celery runs
again. Each row is sent under a row lock and marked sent in the same transaction, so two relays
never send it twice.
"""

import functools
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
    transaction.on_commit(functools.partial(_relay_soon, mail.pk))
    return mail


def _relay_soon(pk: int):
    try:
        # No result wanted: with a Redis result backend, waiting for one would retry for 20 s.
        relay_outbox.apply_async(([pk],), ignore_result=True)
    except Exception as error:  # broker unreachable: the periodic relay sends it later
        logger.warning("Outbox mail %s waits for the periodic relay: %s", pk, error)


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
