"""The services profile talks to real PostgreSQL, Redis, a Celery worker and Elasticsearch."""

import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.services


def test_database_is_postgresql(db):
    assert connection.vendor == "postgresql"


def test_elasticsearch_node_is_reachable():
    from elasticsearch import Elasticsearch

    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)
    health = client.cluster.health(wait_for_status="yellow", timeout="10s")
    assert health["status"] in ("green", "yellow")
    versions = {node["version"] for node in client.nodes.info()["nodes"].values()}
    assert all(version.startswith("8.") for version in versions)


@pytest.fixture
def celery_worker_queue():
    """A real `celery worker` process consuming a private queue on the Redis broker."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cluster", "worker", "--pool=solo",
         "--without-gossip", "--without-mingle", "--loglevel=WARNING", "-Q", queue],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cluster.settings.test"},
    )  # fmt: skip
    yield queue
    worker.terminate()
    worker.wait(timeout=30)


@pytest.mark.slow
def test_task_round_trips_through_redis_broker_and_a_worker_process(celery_worker_queue):
    from cluster.celery import app
    from cluster.tasks import ping

    assert app.conf.broker_url.startswith("redis://")
    app.conf.task_always_eager = False
    try:
        result = ping.apply_async(args=["云溪"], queue=celery_worker_queue)
        assert result.get(timeout=60) == "pong:云溪"
    finally:
        app.conf.task_always_eager = True
