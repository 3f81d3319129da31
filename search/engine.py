"""The Elasticsearch node as the rest of search sees it: one client, a circuit breaker, the
indexes behind their aliases, and the bulk actions that write them.

This is the lowest layer of the app: it imports no service, task or signal module. The service
(searching, keeping records current), whole-index operations (`indexing`) and tasks build on it.
A node that comes back after an outage is announced to the callbacks registered with
`on_recovery()` (the app registers the backlog replay task), so the breaker needs no task import.
"""

import logging
import time
from functools import lru_cache

from django.conf import settings
from django.db import transaction

from . import registry
from .documents import alias_name, new_index_name

logger = logging.getLogger(__name__)

_breaker = {"open_until": 0.0, "checked_at": 0.0, "was_down": False}
_recovery_callbacks = []
_ensured: set[str] = set()


def _breaker_seconds() -> float:
    return getattr(settings, "SEARCH_BREAKER_SECONDS", 30)


@lru_cache(maxsize=4)
def _client(url: str):
    from elasticsearch import Elasticsearch

    return Elasticsearch(url, request_timeout=3, max_retries=0, retry_on_timeout=False)


def elastic_client():
    """The Elasticsearch client, or None when the cluster runs on the database backend only."""
    return _client(settings.ELASTICSEARCH_URL) if settings.ELASTICSEARCH_URL else None


def on_recovery(callback):
    """Call `callback()` (after the current commit) whenever the node answers again after an
    outage; registered once per callback."""
    if callback not in _recovery_callbacks:
        _recovery_callbacks.append(callback)
    return callback


def trip_breaker(error=None):
    logger.warning("Elasticsearch unavailable, using the database backend: %s", error)
    _breaker["open_until"] = time.monotonic() + _breaker_seconds()
    # Forget the last good check: once the breaker closes, the node must answer again before it
    # counts as available (a check made before the failure would otherwise vouch for it).
    _breaker["checked_at"] = 0.0
    _breaker["was_down"] = True


def reset_breaker():
    _breaker.update(open_until=0.0, checked_at=0.0, was_down=False)


def elastic_available() -> bool:
    """Whether Elasticsearch is configured and healthy (checked at most every few seconds)."""
    client = elastic_client()
    if client is None or time.monotonic() < _breaker["open_until"]:
        return False
    if time.monotonic() - _breaker["checked_at"] < 5:
        return True
    try:
        client.options(request_timeout=1).cluster.health(timeout="1s")
    except Exception as error:  # any transport or HTTP failure means "not now"
        trip_breaker(error)
        return False
    _breaker["checked_at"] = time.monotonic()
    if _breaker["was_down"]:
        _breaker["was_down"] = False
        for callback in _recovery_callbacks:
            transaction.on_commit(callback, robust=True)  # robust: the broker may be down too
    return True


# Indexes and write actions -------------------------------------------------------------------


def ensure_indices(client=None):
    """Create each content type's index and alias if missing (never lets ES auto-create one)."""
    client = client or elastic_client()
    for source in registry.sources():
        alias = alias_name(source.label)
        if not client.indices.exists_alias(name=alias):
            index = new_index_name(source.label)
            source.document.init(index=index, using=client)
            client.indices.put_alias(index=index, name=alias)


def ensure_indices_once(client):
    """ensure_indices() once per process for the configured node and index prefix."""
    marker = f"{settings.ELASTICSEARCH_URL}|{settings.SEARCH_INDEX_PREFIX}"
    if marker not in _ensured:
        ensure_indices(client)
        _ensured.add(marker)


def forget_ensured_indices():
    """Check the indexes again on the next write (after they were deleted, e.g. in tests)."""
    _ensured.clear()


def source_alias(source) -> str:
    return alias_name(source.label)


def index_action(entry, index=None) -> dict:
    """The bulk action that writes one database record into its index (or alias)."""
    source = registry.source(entry.content_type)
    document = source.document.from_entry(entry)
    return document.to_dict(include_meta=True) | {"_index": index or source_alias(source)}
