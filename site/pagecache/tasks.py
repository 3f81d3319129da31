"""Background purges of the HTTP cache nodes, and the static mirror's housekeeping."""

import urllib.error
import urllib.request

from celery import shared_task

from .edge import PURGE_HEADER

# Backoff 1, 2, 4 … capped at 5 minutes: 16 tries span about an hour (PAGECACHE_TIMEOUT's
# default), after which the objects the purge was meant for have expired on their own.
MAX_RETRIES = 16


class PurgeRefused(Exception):
    """The cache answered the purge with an error status (e.g. our address is not allowed)."""


@shared_task(
    bind=True,
    autoretry_for=(OSError, PurgeRefused),
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=False,
    max_retries=MAX_RETRIES,
    acks_late=True,
)
def purge_http_cache(self, node: str, keys: str) -> int:
    """Send `PURGE` with the surrogate keys `keys` (space-separated) to the cache at `node`.

    Idempotent (purging twice is harmless); returns the HTTP status the cache answered.
    """
    request = urllib.request.Request(
        node.rstrip("/") + "/", method="PURGE", headers={PURGE_HEADER: keys}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        raise PurgeRefused(f"{node} answered {error.code} to a purge") from error


@shared_task(ignore_result=True)
def prune_static_mirror() -> int:
    """Remove the static mirror's past hours (nginx serves only the current one)."""
    from . import mirror

    return mirror.prune()
