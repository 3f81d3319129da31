"""Celery workers against this test's database and a broker of the test's choosing, the
e-mails they send, and pointing this process's Celery client at that broker."""

import contextlib
import email
import email.policy
import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

from .servers import REPO


def database_url_of_test() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Worker:
    """A `celery worker` subprocess (solo pool: one task at a time, in the worker process)."""

    def __init__(self, broker_url: str, mail_dir: Path, queue: str = "celery", **env):
        self.broker_url, self.mail_dir, self.queue, self.env = broker_url, mail_dir, queue, env
        self.process = None

    def start(self):
        log = open(self.mail_dir.parent / "worker.log", "ab")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "cluster", "worker", "--pool=solo",
             "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--loglevel=INFO", "-Q", self.queue],
            cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
                 "DATABASE_URL": database_url_of_test(), "CELERY_BROKER_URL": self.broker_url,
                 "CELERY_RESULT_BACKEND": self.broker_url, "FAULT_MAIL_DIR": str(self.mail_dir),
                 **{key: str(value) for key, value in self.env.items()}},
        )  # fmt: skip
        return self

    def kill(self):
        """SIGKILL: the worker dies mid-task with no chance to acknowledge or clean up."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def sent_mail(mail_dir: Path) -> list[dict]:
    """The e-mails workers wrote with the file-based backend: to, subject and body of each."""
    messages = []
    for path in sorted(mail_dir.glob("*.log")):
        for part in path.read_text().split("-" * 79):
            if not part.strip():
                continue
            message = email.message_from_string(part.strip(), policy=email.policy.default)
            messages.append(
                {
                    "to": sorted(address.strip() for address in message["To"].split(",")),
                    "subject": str(message["Subject"]),
                    "body": message.get_content(),
                }
            )
    return messages


@contextlib.contextmanager
def celery_client(broker_url: str):
    """Publish this process's tasks to `broker_url` (not eagerly; results stored there too)
    inside the block."""
    from cluster.celery import app

    names = ("broker_url", "broker_read_url", "broker_write_url", "result_backend",
             "task_always_eager")  # fmt: skip
    saved = {name: app.conf[name] for name in names}
    # Settings came from Django (namespace CELERY), where the prefixed keys win: set both.
    wanted = dict.fromkeys(names[:-1], broker_url) | {"task_always_eager": False}
    app.conf.update(wanted | {f"CELERY_{name.upper()}": value for name, value in wanted.items()})
    # Celery reads these two from the environment before its configuration.
    environ = {
        name: os.environ.get(name) for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND")
    }
    os.environ.update(dict.fromkeys(environ, broker_url))
    _forget_connections(app)
    try:
        yield app
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        app.conf.update(saved | {f"CELERY_{name.upper()}": value for name, value in saved.items()})
        for name, value in environ.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        _forget_connections(app)


def _forget_connections(app):
    app._pool = app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
