"""One numbering service for 索引号, 申请编号 and 答复书文号.

Each kind of number counts per scope (organisation and year) in a NumberSequence row. The row is
locked (an UPDATE ... RETURNING; SQLite serialises writers anyway) inside the transaction that
stores the number, so concurrent publishing or approval neither repeats nor skips a serial and
a rollback gives the serial back. A `count() + 1` or "last number + 1" read is not safe: two
transactions read the same value. The stored numbers also carry a unique constraint in the
database, the last line of defence. The data generator (bench/) reserves ranges here too.

索引号 must never repeat (GB/T 21063.4 and the national guide to the disclosure catalog); 申请编号
is the applicant's key to the status page; a reply 文号 identifies an official letter.
"""

from collections.abc import Callable

from django.db import IntegrityError, connection, transaction

from .models.numbering import NumberSequence


def _advance(name: str, count: int) -> int | None:
    """Add `count` to the scope's counter and return the new last serial, or None when the
    scope has no row. One UPDATE ... RETURNING: it locks the row until the commit as SELECT ...
    FOR UPDATE did, without the existence check, the read and the write (three round trips on
    every filing and publication)."""
    table = connection.ops.quote_name(NumberSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_serial = last_serial + %s WHERE scope = %s "
            "RETURNING last_serial",
            [count, name],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


def scope(kind: str, organisation, year: int = 0) -> str:
    """The counter of `kind` for `organisation` in `year` (0: one counter for ever)."""
    return f"{kind}:{organisation.pk}:{year}"


def reserve(name: str, count: int = 1, *, seed: Callable[[], int] | None = None) -> range:
    """Take the next `count` serials of scope `name` and return them.

    Must run inside the transaction that stores the numbers. `seed` gives the last serial
    already used when the counter does not exist yet (numbers issued before it was kept).
    """
    if count < 1:
        raise ValueError("count must be positive")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("numbers are reserved inside the transaction that stores them")
    last = _advance(name, count)
    if last is None:  # the first number of this scope
        try:
            with transaction.atomic():
                NumberSequence.objects.create(scope=name, last_serial=seed() if seed else 0)
        except IntegrityError:
            pass  # another transaction created it first; the update below waits for it
        last = _advance(name, count)
    first = last - count + 1
    return range(first, first + count)


def next_serial(name: str, *, seed: Callable[[], int] | None = None) -> int:
    """The next serial of scope `name` (see `reserve`)."""
    return reserve(name, 1, seed=seed)[0]
