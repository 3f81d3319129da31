"""Background indexing. Every task is idempotent: it re-reads the objects and writes their
current state, so a retry or a duplicate does no harm."""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

from . import service

BATCH = 200
BACKLOG_BATCH = 500


@shared_task(autoretry_for=(DatabaseError,), max_retries=5, retry_backoff=True)
def index_keys(keys: list[str]):
    """Index (or drop, when no longer public) the objects behind `keys`."""
    return service.index_keys(keys)


@shared_task
def flush_backlog():
    """Replay Elasticsearch writes missed while the node was down, batch by batch."""
    sent = service.flush_backlog()
    if sent >= BACKLOG_BATCH:
        flush_backlog.apply_async(ignore_result=True)
    return sent


def flush_backlog_soon():
    """Start replaying the backlog (registered with search.engine.on_recovery)."""
    flush_backlog.apply_async(ignore_result=True)


@shared_task
def warm_up():
    """Ask a node that just came back the most frequent searches (search.warmup)."""
    from . import warmup
    from .engine import elastic_client

    client = elastic_client()
    return warmup.warm_up(client).searches if client is not None else 0


def warm_up_soon():
    """Warm the node up in the background (registered with search.engine.on_recovery).

    Not with in-process tasks: there the warm-up would run inside the request of the visitor
    whose search found the node back, which is the slow first search it exists to spare."""
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        warm_up.apply_async(ignore_result=True)


def enqueue(keys):
    """Queue `keys` for indexing in batches of BATCH."""
    keys = sorted(set(keys))
    for start in range(0, len(keys), BATCH):
        # No result wanted (with a Redis result backend a broker outage would block for 20 s).
        index_keys.apply_async((keys[start : start + BATCH],), ignore_result=True)
