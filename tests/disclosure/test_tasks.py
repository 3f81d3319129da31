"""Scheduled reminders, escalation and expiry: idempotent, nothing lost when a run breaks."""

import datetime as dt

import pytest
from django.core import mail

from cluster import outbox
from cluster.models import OutgoingMail
from disclosure import tasks
from disclosure.models import OfficerNotification, Reminder, State
from disclosure.workflow import perform

from .helpers import make_request

pytestmark = pytest.mark.backends

D = dt.date


@pytest.fixture
def setup(fgw, officer, head):
    officer.email, head.email = "officer@fgw.example", "head@fgw.example"
    officer.save()
    head.save()
    return {"fgw": fgw, "officer": officer, "head": head}


def test_reminder_five_working_days_before_is_sent_once(setup):
    request = make_request(setup["fgw"], D(2026, 9, 29))  # due 2 November
    assert tasks.send_deadline_reminders("2026-10-23") == 0  # 6 working days left
    assert tasks.send_deadline_reminders("2026-10-26") == 1  # 5 left
    assert tasks.send_deadline_reminders("2026-10-26") == 0
    assert outbox.relay() == 1
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {"officer@fgw.example", "head@fgw.example"}
    assert "2026-11-02" in mail.outbox[0].body
    assert tasks.send_deadline_reminders("2026-10-29") == 1  # 2 left
    assert tasks.send_deadline_reminders("2026-10-30") == 0
    assert list(request.reminders.values_list("kind", flat=True).order_by("kind")) == [
        "before_2",
        "before_5",
    ]
    assert OfficerNotification.objects.filter(user=setup["officer"]).count() == 2


def test_overdue_requests_are_escalated_to_the_head_once(setup):
    make_request(setup["fgw"], D(2026, 9, 29))
    assert tasks.send_deadline_reminders("2026-11-03") == 1
    assert tasks.send_deadline_reminders("2026-11-04") == 0
    outbox.relay()
    overdue = [m for m in mail.outbox if "逾期" in m.subject]
    assert len(overdue) == 1 and overdue[0].to == ["head@fgw.example"]


def test_a_new_due_date_gets_its_own_reminder(setup):
    request = make_request(setup["fgw"], D(2026, 9, 29))
    tasks.send_deadline_reminders("2026-10-26")
    perform(request, "accept", setup["officer"], on=D(2026, 9, 30))
    perform(
        request, "approve_extension", setup["head"], note="档案量大", days=20, on=D(2026, 10, 26)
    )
    assert tasks.send_deadline_reminders("2026-10-26") == 0  # 25 working days left now
    assert tasks.send_deadline_reminders("2026-11-23") == 1  # 5 before 30 November


def test_a_run_broken_mid_way_loses_nothing_and_repeats_nothing(setup, monkeypatch):
    first = make_request(setup["fgw"], D(2026, 9, 29))
    second = make_request(setup["fgw"], D(2026, 9, 29))
    real_create = OfficerNotification.objects.create

    def failing_on_second_request(**kwargs):
        if kwargs["request"] == second:
            raise ConnectionError("database went away")
        return real_create(**kwargs)

    monkeypatch.setattr(OfficerNotification.objects, "create", failing_on_second_request)
    with pytest.raises(ConnectionError):
        tasks.send_deadline_reminders("2026-10-26")
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 1
    assert OutgoingMail.objects.count() == 1  # the second request's e-mail rolled back with it
    monkeypatch.undo()
    assert tasks.send_deadline_reminders("2026-10-26") == 1
    assert tasks.send_deadline_reminders("2026-10-26") == 0
    assert outbox.relay() == 2 and outbox.relay() == 0
    assert sorted(m.body.split()[1] for m in mail.outbox) == sorted([first.number, second.number])


def test_unanswered_correction_and_unpaid_fee_expire_once(setup):
    officer = setup["officer"]
    unclear = make_request(setup["fgw"], D(2026, 9, 29))
    perform(unclear, "request_correction", officer, on=D(2026, 9, 30), reply_by=D(2026, 10, 16))
    costly = make_request(setup["fgw"], D(2026, 9, 29))
    perform(costly, "accept", officer, on=D(2026, 9, 30))
    perform(costly, "issue_fee_notice", officer, on=D(2026, 9, 30), method="per_page", pages=40)
    assert tasks.expire_corrections_and_fees("2026-10-16") == 0
    assert tasks.expire_corrections_and_fees("2026-10-17") == 1  # correction lapsed
    assert tasks.expire_corrections_and_fees("2026-11-30") == 1  # fee lapsed
    assert tasks.expire_corrections_and_fees("2026-12-01") == 0
    unclear.refresh_from_db()
    costly.refresh_from_db()
    assert (unclear.state, unclear.outcome) == (
        State.CLOSED_WITHOUT_HANDLING,
        "other_no_correction",
    )
    assert (costly.state, costly.outcome) == (State.CLOSED_WITHOUT_HANDLING, "other_unpaid_fee")
    assert costly.transitions.last().actor is None
