"""The HTTP cache in front of the application (Varnish with xkey; deploy/varnish/default.vcl).

Responses the page cache may store are also labelled for the HTTP cache: their dependency tags
go out as surrogate keys (`xkey` header) with `Cache-Control: s-maxage` (the page cache's own
timeout, so never past local midnight). Every purge of the page cache is sent to each HTTP
cache node listed in HTTP_CACHE_NODES after the transaction commits, one Celery task per node.

A purge is never lost silently: a node that does not answer is retried with exponential
backoff (`tasks.purge_http_cache`) for longer than an object can live, and when the purge
cannot even be queued (broker down) the object still expires after PAGECACHE_TIMEOUT at most,
because the TTL the cache keeps is bounded by it.
"""

import logging
import time

from django.conf import settings
from django.db import transaction

from . import store

logger = logging.getLogger(__name__)

XKEY_HEADER = "xkey"
PURGE_HEADER = "xkey-purge"
# Varnish limits a request header line (http_req_hdr_len, 8 KB by default); split larger purges.
PURGE_HEADER_LIMIT = 6000


def nodes() -> list[str]:
    """Base URLs of the HTTP cache nodes to purge (empty: no HTTP cache in front)."""
    return list(getattr(settings, "HTTP_CACHE_NODES", []))


def enabled() -> bool:
    return bool(nodes())


def label(response, tags) -> None:
    """Mark `response` cacheable by the HTTP cache, under the surrogate keys `tags`."""
    response[XKEY_HEADER] = " ".join(sorted(tags))
    refresh_lifetime(response)


def unlabel(response) -> None:
    """Undo `label`: the response may be shown but not kept."""
    if XKEY_HEADER in response:
        del response[XKEY_HEADER]
        response["Cache-Control"] = "private, no-cache"


def refresh_lifetime(response) -> None:
    """Set how long the HTTP cache may keep `response` from now (a page-cache hit is older)."""
    response["Cache-Control"] = f"public, s-maxage={store.timeout()}"


def key_batches(tags) -> list[str]:
    """Space-separated `xkey-purge` header values, each short enough for one request header."""
    batches, current = [], ""
    for tag in sorted(set(tags)):
        if current and len(current) + 1 + len(tag) > PURGE_HEADER_LIMIT:
            batches.append(current)
            current = ""
        current = f"{current} {tag}" if current else tag
    return [*batches, current] if current else batches


def purge(tags) -> None:
    """Queue the purge of `tags` on every HTTP cache node once the transaction commits."""
    if not tags or not enabled():
        return
    tags = sorted(set(tags))
    transaction.on_commit(lambda: _queue(tags), robust=True)


def _queue(tags) -> None:
    from .tasks import purge_http_cache

    for node in nodes():
        for keys in key_batches(tags):
            try:
                purge_http_cache.apply_async((node, keys), ignore_result=True)
            except Exception as error:  # broker down: the objects expire within the TTL bound
                logger.warning("HTTP cache purge of %s on %s not queued: %s", keys, node, error)


def cacheable_view(tags_for):
    """Decorate a public view that is not a Wagtail page so the HTTP cache may keep it.

    `tags_for(request, response)` returns the view's own surrogate keys; the site's keys and
    `all` are added, so settings, theme changes and `clear_pagecache` reach it like a page.
    Only a 200 answer to an anonymous GET that set no cookie and used no CSRF token is labelled,
    and with the static mirror on (`mirror`) also written to it.
    """
    from functools import wraps

    from wagtail.models import Site

    from . import mirror

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            started_ns = time.time_ns()
            response = view(request, *args, **kwargs)
            edge_on, mirror_on = enabled(), mirror.enabled()
            if not (edge_on or mirror_on) or request.method != "GET" or request.COOKIES:
                return response
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if response.status_code != 200 or response.cookies:
                return response
            if request.META.get("CSRF_COOKIE_USED"):
                return response
            site = Site.find_for_request(request)
            tags = set(tags_for(request, response)) | {store.EVERYTHING}
            if site is not None:
                tags.add(f"site:{site.pk}")
            if edge_on:
                label(response, tags)
            if mirror_on:
                mirror.keep(request, response, tags, started_ns)
            return response

        return wrapper

    return decorate
