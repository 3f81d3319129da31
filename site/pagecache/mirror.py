"""The static mirror: published pages kept as HTML files that the web server in front serves.

Chinese government platforms publish static HTML, so that a page is served at the web server's
own speed and stays up while the application is down. This is that, kept exact by the page
cache's tags: when `STATIC_MIRROR_ROOT` is set, every response the page cache stores for an
address without a query string is also written to

    <STATIC_MIRROR_ROOT>/<hour>/<host>/<path>/index.html      (hour: 2026-11-30T14, local time)

and nginx, in front of the HTTP cache, answers a GET or HEAD for that address with the file
(`try_files`, deploy/nginx/govcms.conf) unless the visitor has a session, a messages cookie or
an Authorization header; everything else goes on to the HTTP cache and the application.

Fresh: each file is recorded under the page's tags (an index in the page cache's Redis, or in
memory for the single embedded process). A purge deletes the files of every purged tag right
after the page cache's versions are written, and again after its transaction commits (as the
page cache writes its versions twice); purging `all` drops the whole mirror. A file whose page was rendered before a purge it missed removes itself: it
is registered and written first and checked against the tag versions after (`keep`), so one of
the two, the purge or the check, always sees it.

Bounded: nginx reads only the current hour's directory (from its own clock, `$time_iso8601`),
so no file is served past the hour it was written in, and none past midnight (a catalog item
past its 有效期 shows as 失效 from the next day). A purge that could not read the index (Redis
down) is therefore bounded by the hour, like the page cache's own timeout; `prune` removes
the past hours' directories (Celery beat).

The web server adds the headers the application would have sent (security policy, `no-cache`
for browsers): `manage.py static_mirror_headers` writes them as nginx `add_header` lines.
"""

import logging
import os
import re
import shutil
import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.http.request import split_domain_port
from django.utils import timezone

from . import store

logger = logging.getLogger(__name__)

INDEX_PREFIX = "pc:m:"
# An index entry outlives the hour its file is served in, then goes with its directory.
INDEX_TIMEOUT = 3 * 3600
HOUR_FORMAT = "%Y-%m-%dT%H"  # the first 13 characters of nginx's $time_iso8601
HOUR_NAME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}")
HOST_NAME = re.compile(r"[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?")
FILE_NAME = "index.html"
SEGMENT_BYTES = 200  # file systems allow 255 bytes per name; longer addresses are not mirrored


def root() -> Path | None:
    value = getattr(settings, "STATIC_MIRROR_ROOT", "")
    return Path(value) if value else None


def enabled() -> bool:
    return root() is not None


def current_hour(now=None) -> str:
    """The directory nginx reads at `now` (local time, as nginx's clock with the same TZ)."""
    return timezone.localtime(now).strftime(HOUR_FORMAT)


def address_path(request) -> str | None:
    """`<host>/<path>/index.html` for the address nginx looks up, or None if not mirrored.

    Only what nginx can find: no query string, a path ending in `/` (nginx appends the file
    name to its decoded, normalised `$uri`), a plain host name (nginx's lower-case `$host`).
    """
    if request.META.get("QUERY_STRING"):
        return None
    path = request.path
    if not path.endswith("/") or "//" in path:
        return None
    segments = [s for s in path.split("/") if s]
    if any(
        s in (".", "..") or "\\" in s or "\x00" in s or len(s.encode()) > SEGMENT_BYTES
        for s in segments
    ):
        return None
    host, _port = split_domain_port(request.get_host())
    if not HOST_NAME.fullmatch(host):
        return None
    return "/".join([host, *segments, FILE_NAME])


def keep(request, response, tags, started_ns: int) -> bool:
    """Write `response` to the mirror under `tags`; False if it is not mirrored.

    Called once the page cache stored the response (so it is a public 200 page). Registered,
    written, then checked: if one of its tags was purged after rendering began, the file is
    removed again (the purge may have run before the file existed).
    """
    base = root()
    relative = address_path(request)
    if base is None or relative is None or response.status_code != 200:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    tags = set(tags) - {store.EVERYTHING}  # `all` drops the whole mirror instead
    name = f"{current_hour()}/{relative}"
    try:
        index().add(tags, name)
    except Exception as error:  # no index, no purge: never write a file nothing could delete
        logger.warning("Static mirror: %s not written, its tags not recorded: %s", name, error)
        return False
    target = base / name
    temporary = target.with_name(f".{uuid.uuid4().hex}.tmp")  # nginx never asks for dot names
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(response.content)
        temporary.chmod(0o644)
        os.replace(temporary, target)  # atomic: nginx sends the old file or the new, whole
    except OSError as error:
        temporary.unlink(missing_ok=True)
        logger.warning("Static mirror: %s not written: %s", name, error)
        return False
    if not store.still_current(tags | {store.EVERYTHING}, started_ns):
        target.unlink(missing_ok=True)
        return False
    return True


def purge(tags) -> int:
    """Delete the mirrored files of `tags` (all of them for `all`); the number deleted."""
    base = root()
    if base is None or not tags:
        return 0
    if store.EVERYTHING in tags:
        return drop(lambda hour: True)
    try:
        names = index().pop(set(tags))
    except Exception as error:  # the hour's end still retires them; see the module's notes
        logger.error("Static mirror: purge of %s could not read the index: %s", sorted(tags), error)
        return 0
    deleted = 0
    for name in names:
        try:
            (base / name).unlink()
            deleted += 1
        except FileNotFoundError:
            pass
        except OSError as error:
            logger.error("Static mirror: %s not deleted: %s", name, error)
    return deleted


def prune(now=None) -> int:
    """Remove the directories of past hours (nginx no longer reads them), and what an
    interrupted `drop` left; the number of files removed."""
    hour = current_hour(now)
    base = root()
    if base is not None and base.is_dir():
        for leftover in base.glob(".drop-*"):
            shutil.rmtree(leftover, ignore_errors=True)
    return drop(lambda name: name < hour)


def drop(which) -> int:
    """Remove the hour directories `which(name)` selects: renamed away first (at once invisible
    to nginx), then deleted. The number of files removed."""
    base = root()
    if base is None or not base.is_dir():
        return 0
    removed = 0
    for entry in base.iterdir():
        if not (entry.is_dir() and HOUR_NAME.fullmatch(entry.name) and which(entry.name)):
            continue
        trash = base / f".drop-{entry.name}-{uuid.uuid4().hex}"
        try:
            entry.rename(trash)
        except FileNotFoundError:
            continue  # another process dropped it first
        removed += sum(1 for path in trash.rglob(FILE_NAME))
        shutil.rmtree(trash, ignore_errors=True)
    return removed


class RedisIndex:
    """Tag -> mirrored file names, as Redis sets beside the page cache's entries."""

    def __init__(self, backend: RedisCache):
        self.backend = backend

    def _key(self, tag: str) -> str:
        return self.backend.make_key(INDEX_PREFIX + tag)

    def add(self, tags, name: str) -> None:
        pipe = self.backend._cache.get_client(write=True).pipeline(transaction=False)
        for tag in tags:
            pipe.sadd(self._key(tag), name)
            pipe.expire(self._key(tag), INDEX_TIMEOUT)
        pipe.execute()

    def pop(self, tags) -> set[str]:
        """The names recorded under `tags`, forgetting them (one atomic read-and-delete)."""
        keys = [self._key(tag) for tag in sorted(tags)]
        pipe = self.backend._cache.get_client(write=True).pipeline(transaction=True)
        for key in keys:
            pipe.smembers(key)
        pipe.delete(*keys)
        *members, _deleted = pipe.execute()
        return {name.decode() for found in members for name in found}


class LocalIndex:
    """The same in this process's memory: the embedded profile runs one process."""

    def __init__(self):
        self.names: dict[str, set[str]] = {}
        self.lock = threading.Lock()

    def add(self, tags, name: str) -> None:
        with self.lock:
            for tag in tags:
                self.names.setdefault(tag, set()).add(name)

    def pop(self, tags) -> set[str]:
        with self.lock:
            return {name for tag in tags for name in self.names.pop(tag, ())}


_local_index = LocalIndex()


def index():
    backend = store.cache()
    return RedisIndex(backend) if isinstance(backend, RedisCache) else _local_index
