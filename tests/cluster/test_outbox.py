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
