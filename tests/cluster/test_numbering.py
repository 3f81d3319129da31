"""cluster.numbering: one locked counter per scope for 索引号, 申请编号 and reply 文号."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from cluster import numbering
from cluster.models import NumberSequence

pytestmark = pytest.mark.backends


@pytest.mark.django_db
def test_serials_count_per_scope_and_start_from_the_seed():
    with transaction.atomic():
        assert numbering.next_serial("reply_number:1:2026") == 1
        assert numbering.next_serial("reply_number:1:2026") == 2
        assert numbering.next_serial("reply_number:2:2026") == 1
        assert numbering.next_serial("request_number:1:2026", seed=lambda: 41) == 42
        assert list(numbering.reserve("index_number:1:2026", 3)) == [1, 2, 3]
    with transaction.atomic(), pytest.raises(IntegrityError):
        NumberSequence.objects.create(scope="reply_number:1:2026")


@pytest.mark.django_db
def test_a_rolled_back_transaction_gives_its_serial_back():
    with transaction.atomic():
        numbering.next_serial("reply_number:9:2026")
    with pytest.raises(RuntimeError), transaction.atomic():
        numbering.next_serial("reply_number:9:2026")
        raise RuntimeError("the letter could not be stored")
    with transaction.atomic():
        assert numbering.next_serial("reply_number:9:2026") == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_transactions_never_share_a_serial():
    """Twelve threads, each on its own PostgreSQL connection, number at the same moment,
    the counter row not existing yet (both the creation race and the lock are exercised)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks across connections: run in the services profile (PostgreSQL)")
    barrier, results, errors = threading.Barrier(12), [], []

    def take():
        from django.db import connection as own

        try:
            barrier.wait()
            for _ in range(5):
                with transaction.atomic():
                    results.append(numbering.next_serial("reply_number:77:2026"))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=take) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == list(range(1, 61))
