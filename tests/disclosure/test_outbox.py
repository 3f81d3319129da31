"""Filing online notifies officers and applicant through the outbox, after the commit."""

import datetime as dt

import pytest
from captcha.models import CaptchaStore
from django.core import mail

from cluster import outbox
from cluster.models import OutgoingMail
from disclosure.models import DisclosureRequest, OfficerNotification

from .helpers import APPLICANT, make_request

pytestmark = pytest.mark.backends


@pytest.fixture
def fgw(fgw, officer):
    """fgw, whose officer has an e-mail address."""
    officer.email = "officer@fgw.example"
    officer.save()
    return fgw


def form_data(token):
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    return APPLICANT | {"submission_token": token, "captcha_0": key, "captcha_1": answer}


def test_online_filing_notifies_officers_and_applicant_after_commit(
    client, fgw, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/ysqgk/", form_data("t1"), HTTP_HOST="fgw.localhost")
    assert response.status_code == 200
    # both mails go to the broker in one task message
    [relay] = [callback for callback in callbacks if isinstance(callback, outbox._Relay)]
    assert len(relay.pks) == 2
    request = DisclosureRequest.objects.get()
    [notice] = OfficerNotification.objects.all()
    assert notice.user.username == "fgw_officer" and request.number in notice.message
    assert sorted(m.to[0] for m in mail.outbox) == ["officer@fgw.example", APPLICANT["email"]]
    receipt = next(m for m in mail.outbox if m.to == [APPLICANT["email"]])
    assert request.number in receipt.body and "答复期限" in receipt.body
    code = response.context["code"]  # shown once on screen, never mailed
    assert "查询码" in receipt.body and code not in receipt.body
    assert not OutgoingMail.objects.filter(sent_at__isnull=True).exists()


def test_officer_registered_requests_send_nothing(fgw):
    make_request(fgw, dt.date(2026, 9, 29))  # in person, by an officer
    assert not OutgoingMail.objects.exists() and not OfficerNotification.objects.exists()
