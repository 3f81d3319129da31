"""The transactional outbox: each queued e-mail is sent once, and a failure keeps it."""

import pytest
from django.core import mail

from cluster import outbox
from cluster.models import OutgoingMail

pytestmark = pytest.mark.backends


def test_each_mail_is_sent_once_however_often_the_relay_runs(db):
    outbox.queue_mail("主题", "正文", ["a@example.com", "", "a@example.com"])
    assert outbox.relay() == 1
    assert outbox.relay() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["a@example.com"]
    assert OutgoingMail.objects.get().attempts == 1


def test_a_mail_server_failure_keeps_the_mail_for_the_next_run(db, monkeypatch):
    outbox.queue_mail("主题", "正文", ["a@example.com"])

    def refused(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(outbox, "send_mail", refused)
    assert outbox.relay() == 0
    waiting = OutgoingMail.objects.get()
    assert waiting.sent_at is None and waiting.attempts == 1
    assert "mail server down" in waiting.last_error
    monkeypatch.undo()
    assert outbox.relay() == 1
    assert len(mail.outbox) == 1


def test_no_recipient_no_mail(db):
    assert outbox.queue_mail("主题", "正文", ["", None]) is None
    assert not OutgoingMail.objects.exists()


def test_a_transaction_relays_its_mails_in_one_task_and_a_rollback_relays_none(
    db, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        try:
            with transaction.atomic():
                outbox.queue_mail("作废", "正文", ["b@example.com"])
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        first = outbox.queue_mail("一", "正文", ["a@example.com"])
        second = outbox.queue_mail("二", "正文", ["c@example.com"])
    relays = [callback for callback in callbacks if isinstance(callback, outbox._Relay)]
    assert [relay.pks for relay in relays] == [[first.pk, second.pk]]
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.com", "c@example.com"]
