"""Cluster-wide Celery tasks."""

from celery import shared_task


@shared_task
def ping(payload: str) -> str:
    """Echo a payload; used to prove the broker and a worker round-trip."""
    return f"pong:{payload}"
