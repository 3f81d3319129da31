"""A batch racing another delivery of the same records stores each record once."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client

from disclosure.approvals.ingest import ingest
from disclosure.approvals.models import ApprovalResult

from .builders import post, record


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_racing_duplicate_delivery_is_retried_not_lost(bureau, source):
    stored_source, token = source
    batch = [record(bureau, n) for n in range(1, 201)]
    answers = []

    def deliver():
        try:
            answers.append(post(Client(), token, batch))
        finally:
            connection.close()

    with transaction.atomic():
        # The first delivery has written its rows but not committed yet ...
        assert {o.outcome for o in ingest(stored_source, batch)} == {"accepted"}
        racer = threading.Thread(target=deliver)
        racer.start()
        time.sleep(2)  # ... while the second finds no rows and waits on the unique key.
    racer.join()
    [answer] = answers
    assert answer.status_code == 200
    assert (answer.json()["accepted"], answer.json()["unchanged"]) == (0, 200)
    assert ApprovalResult.objects.count() == 200
