"""Fixtures of the fault tests: Celery workers and a private Redis server."""

import pytest

from .servers import RedisServer
from .workers import Worker


@pytest.fixture
def workers(tmp_path):
    """Start workers with `workers(broker_url, **env)`; all are stopped at the end."""
    started = []
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()

    def start(broker_url, **env):
        worker = Worker(broker_url, mail_dir, **env).start()
        started.append(worker)
        return worker

    start.mail_dir = mail_dir
    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def redis_server():
    """A private Redis on a free port, to stop and start at will."""
    server = RedisServer().start()
    yield server
    server.stop()
    server.cleanup()
