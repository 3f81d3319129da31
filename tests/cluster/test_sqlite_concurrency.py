"""The embedded SQLite profile under concurrent writers: WAL, busy timeout, BEGIN IMMEDIATE.

Each writer reads and then writes inside one transaction (what filing an application or
publishing a page does). With SQLite's default deferred transactions two such writers
deadlock and one fails at once with "database is locked"; with the profile's options they
queue. The test uses a file database of its own, with the options of settings.SQLITE_OPTIONS.
"""

import threading

from django.conf import settings
from django.db import OperationalError, connections, transaction

WRITERS = 8
ROUNDS = 25


def _register(alias: str, path, options: dict) -> None:
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": options}
    configured = connections.configure_settings({"default": database, alias: database})
    connections.settings[alias] = configured[alias]


def _writer(alias: str, errors: list) -> None:
    try:
        for _round in range(ROUNDS):
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT COALESCE(MAX(n), 0) FROM counter")
                (last,) = cursor.fetchone()
                cursor.execute("INSERT INTO counter (n) VALUES (%s)", [last + 1])
    except OperationalError as error:
        errors.append(str(error))
    finally:
        connections[alias].close()


def run_writers(path, options: dict) -> tuple[str, list[str]]:
    """Run the writers against a fresh file database at `path`: (journal mode, errors)."""
    alias = "concurrency_test"
    _register(alias, path, options)
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (n INTEGER PRIMARY KEY)")
            cursor.execute("PRAGMA journal_mode")
            journal_mode = cursor.fetchone()[0]
        connections[alias].close()
        errors: list[str] = []
        threads = [threading.Thread(target=_writer, args=(alias, errors)) for _ in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT COUNT(*), MAX(n) FROM counter")
            counts = cursor.fetchone()
        # every read-then-write was serialised: no number was taken twice
        lost = [] if counts == (WRITERS * ROUNDS,) * 2 else [f"rows {counts}"]
        return journal_mode, errors + lost
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def test_parallel_writers_never_see_database_is_locked(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        options = dict(settings.SQLITE_OPTIONS)
        assert run_writers(tmp_path / "demo.sqlite3", options) == ("wal", [])
