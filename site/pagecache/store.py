"""Cached responses and tag versions, on any Django cache backend (Redis or local memory).

A cached response records the version of every tag it depends on. Purging a tag writes a new
version (the time of the purge in nanoseconds); a cached response is served only while all its
recorded versions are still current, so a purge is one write however many responses it hits.
Stale entries are never served and age out with their timeout.
"""

import contextvars
import datetime as dt
import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from .dependencies import compact, record_tags, start_collecting, stop_collecting

CACHE_ALIAS = "pagecache"
ENTRY_PREFIX = "pc:r:"
TAG_PREFIX = "pc:t:"
FRAGMENT_PREFIX = "pc:f:"
SKIPPED_HEADERS = {"set-cookie", "x-cache"}
EVERYTHING = "all"  # the tag every cached response carries


def cache():
    return caches[CACHE_ALIAS]


def entry_key(request) -> str:
    """The key of the response to `request`: scheme, host, path and query string."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return ENTRY_PREFIX + hashlib.sha1(url.encode()).hexdigest()


def timeout() -> int:
    """Seconds a response may stay cached: at most PAGECACHE_TIMEOUT, and never past midnight
    (never past the hour with the static mirror on).

    Purges keep pages fresh when content changes; midnight is the other moment a page can
    change (a catalog item past its 有效期 shows as 失效 from the next day).
    """
    from . import mirror

    now = timezone.localtime()
    end = timezone.make_aware(dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time()))
    if mirror.enabled():
        # The static mirror's files are read only within their hour (mirror.py): copies here and
        # in the HTTP cache end with it too, so the next request renders and writes the new
        # hour's file instead of being answered, unmirrored, from a copy made last hour.
        end = now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
    return max(1, min(settings.PAGECACHE_TIMEOUT, int((end - now).total_seconds())))


def fetch(key: str, head: bool = False) -> HttpResponse | None:
    """The cached response under `key` if none of its tags was purged since it was stored."""
    backend = cache()
    entry = backend.get(key)
    if entry is None:
        return None
    versions, status, headers, body = entry
    if backend.get_many(list(versions)) != versions:
        return None
    response = HttpResponse(b"" if head else body, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "hit"
    return response


def save(key: str, response, tags: set[str], started_ns: int) -> bool:
    """Store `response` under `key` with the current versions of `tags`.

    Refused when one of the tags was purged after rendering began (`started_ns`): the page may
    have been rendered from data older than the purge.
    """
    versions = _versions_since(tags, started_ns)
    if versions is None:
        return False
    headers = [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS]
    cache().set(key, (versions, response.status_code, headers, response.content), timeout())
    return True


def still_current(tags, started_ns: int) -> bool:
    """Whether none of `tags` was purged since `started_ns` (a response rendered then is fresh)."""
    return _versions_since(tags, started_ns) is not None


def _versions_since(tags, started_ns: int) -> dict | None:
    """Current versions of `tags`, or None if one was purged after `started_ns`."""
    backend = cache()
    tag_keys = [TAG_PREFIX + tag for tag in sorted(tags)]
    versions = backend.get_many(tag_keys)
    missing = [tag_key for tag_key in tag_keys if tag_key not in versions]
    if missing:
        for tag_key in missing:  # first use, or evicted: any older entry no longer matches
            backend.add(tag_key, started_ns, timeout=None)
        versions = backend.get_many(tag_keys)
    if len(versions) != len(tag_keys) or any(v > started_ns for v in versions.values()):
        return None
    return versions


# When the page being rendered began (set by the middleware): a fragment computed inside it
# records its tags as of that moment, so a tag it creates never looks newer than the page.
_page_started: contextvars.ContextVar[int | None] = contextvars.ContextVar(
    "pagecache_page_started", default=None
)


def begin_page(started_ns: int):
    """Mark the start of a page render (returns a token for end_page)."""
    return _page_started.set(started_ns)


def end_page(token) -> None:
    _page_started.reset(token)


def fragment(name: str, tags, compute):
    """A part of a page (navigation, footer) computed once and reused until a tag is purged.

    Kept and checked like a whole response: the value records its tags' versions. Pages that
    show a fragment carry its tags (the page being collected records them), so the page cache
    and the HTTP cache are purged by the same changes. Besides `tags`, the fragment depends on
    every page and tracked object loaded while computing it (as a whole response does). `tags`
    may be a callable, called after `compute`, for tags known only once the value is computed.
    """
    if not settings.PAGECACHE_FRAGMENTS:
        return compute()
    backend, key = cache(), FRAGMENT_PREFIX + name
    memo = _request_memo.get()
    if memo is not None and key in memo.fetched:  # read ahead (found or not)
        entry = memo.entries.pop(key, None)
    else:
        entry = backend.get(key)
    if entry is not None:
        versions, value = entry
        if _current_versions(list(versions)) == versions:
            record_tags(tag_key.removeprefix(TAG_PREFIX) for tag_key in versions)
            return value
    started_ns = _page_started.get() or time.time_ns()
    token = start_collecting()
    try:
        value = compute()
    finally:
        loaded = stop_collecting(token)
    tags = compact(set(tags() if callable(tags) else tags) | loaded)
    record_tags(tags)  # the page showing the fragment is purged with it
    versions = _versions_since(tags, started_ns)
    if versions is not None:
        backend.set(key, (versions, value), timeout())
    return value


class _RequestMemo:
    """Fragments fetched ahead and tag versions read during one GET/HEAD request."""

    __slots__ = ("entries", "fetched", "versions")

    def __init__(self):
        self.entries, self.fetched, self.versions = {}, set(), {}


_request_memo: contextvars.ContextVar[_RequestMemo | None] = contextvars.ContextVar(
    "pagecache_request_memo", default=None
)


def begin_request():
    """Start reading fragments and tag versions at most once for this request (a token)."""
    return _request_memo.set(_RequestMemo())


def end_request(token) -> None:
    _request_memo.reset(token)


def _current_versions(tag_keys: list[str]) -> dict:
    """The versions of `tag_keys`, each read at most once per request (purges made while the
    request renders are seen by the next one, as with a page rendered a moment earlier)."""
    memo = _request_memo.get()
    if memo is None:
        return cache().get_many(tag_keys)
    unread = [tag_key for tag_key in tag_keys if tag_key not in memo.versions]
    if unread:
        found = cache().get_many(unread)
        memo.versions.update({tag_key: found.get(tag_key) for tag_key in unread})
    return {k: memo.versions[k] for k in tag_keys if memo.versions[k] is not None}


# The tag keys each fragment recorded when this process last read it, so the next request
# reads a fragment and its tags' versions in one cache call instead of two. Only which keys
# to read is remembered: the versions are read with the fragment and compared as always, and
# a fragment recomputed with other tags gets the rest read by `_current_versions`. Bounded:
# rich text fragments are keyed by content, one per item body.
_known_tags: OrderedDict[str, tuple[str, ...]] = OrderedDict()
_known_tags_lock = threading.Lock()  # gthread workers: evicting a key another thread moves
KNOWN_TAGS_MAX = 2048


def prefetch(names) -> None:
    """Read the fragments `names` and their tag versions ahead of use (a page's navigation
    and footer with its own fragments, see `ahead`): one cache call when this process has read
    them before, two otherwise, instead of two for each fragment. Names already read ahead in
    this request are not read again."""
    memo = _request_memo.get()
    if memo is None or not settings.PAGECACHE_FRAGMENTS:
        return
    keys = [key for key in (FRAGMENT_PREFIX + name for name in names) if key not in memo.fetched]
    if not keys:
        return
    memo.fetched.update(keys)
    with _known_tags_lock:
        known = {tag for key in keys for tag in _known_tags.get(key, ())}
    guessed = sorted(known - memo.versions.keys())
    found = cache().get_many(keys + guessed)
    memo.versions.update({tag_key: found.get(tag_key) for tag_key in guessed})
    entries = {key: found[key] for key in keys if key in found}
    memo.entries.update(entries)
    with _known_tags_lock:
        for key, (versions, _value) in entries.items():
            _known_tags[key] = tuple(versions)
            _known_tags.move_to_end(key)
        while len(_known_tags) > KNOWN_TAGS_MAX:
            _known_tags.popitem(last=False)
    _current_versions(sorted({tag for versions, _value in entries.values() for tag in versions}))


def purge(tags) -> None:
    """Invalidate every cached response depending on one of `tags`, now and after commit.

    The second write, after the surrounding transaction commits, invalidates any page that a
    concurrent request rendered from the data as it was before the commit.
    """
    from . import edge, mirror  # the HTTP cache and the static mirror go with the same tags

    tags = set(tags)
    if not tags:
        return
    _write_versions(tags)
    mirror.purge(tags)
    transaction.on_commit(lambda: _after_commit(tags))
    edge.purge(tags)


def _after_commit(tags) -> None:
    """The versions again, then the static mirror's files again: a page written from the old
    data after this point finds the new versions and removes itself (mirror.keep)."""
    from . import mirror

    _write_versions(tags)
    mirror.purge(tags)


def _write_versions(tags) -> None:
    version = time.time_ns()
    cache().set_many({TAG_PREFIX + tag: version for tag in tags}, timeout=None)


def clear() -> None:
    """Invalidate every cached response (e.g. after deploying new templates).

    Done by purging the tag every response carries, not by flushing the cache: in production
    the cache may share its Redis database with other data (rate limits, sessions).
    """
    from . import edge, mirror

    _write_versions({EVERYTHING})
    mirror.purge({EVERYTHING})
    edge.purge({EVERYTHING})
