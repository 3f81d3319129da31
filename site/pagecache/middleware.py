"""Serve anonymous GET/HEAD requests for published pages from the page cache.

Placed right after the static-file middleware: a hit skips sessions, authentication,
URL resolution, the database and template rendering. Anyone carrying a session cookie
(editors, and visitors who filed an application) is served fresh pages and never stored.
"""

import time

from django.conf import settings
from django.core.exceptions import DisallowedHost

from . import edge, mirror, store
from .dependencies import compact, response_tags, start_collecting, stop_collecting
from .wagtail_hooks import PAGE_ATTRIBUTE

UNCACHEABLE_CONTROL = ("private", "no-store", "no-cache")


class PageCacheMiddleware:
    """Look up the cache before the rest of the stack; store cacheable page responses after."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.skip_prefixes = tuple(settings.PAGECACHE_SKIP_PREFIXES)
        self.private_cookies = (settings.SESSION_COOKIE_NAME, "messages")

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self._call(request)
        token = store.begin_request()  # fragments and tag versions read once per request
        try:
            return self._call(request)
        finally:
            store.end_request(token)

    def _call(self, request):
        if not settings.PAGECACHE_ENABLED or not self.may_use_cache(request):
            response = self.get_response(request)
            if getattr(request, PAGE_ATTRIBUTE, None) is not None:
                response["X-Cache"] = "bypass"
            return response
        try:
            key = store.entry_key(request)
        except DisallowedHost:
            return self.get_response(request)
        cached = store.fetch(key, head=request.method == "HEAD")
        if cached is not None:
            if edge.XKEY_HEADER in cached:
                edge.refresh_lifetime(cached)
            return cached
        started_ns = time.time_ns()
        token, page_token = start_collecting(), store.begin_page(started_ns)
        try:
            response = self.get_response(request)
        finally:
            store.end_page(page_token)
            loaded = stop_collecting(token)
        page = getattr(request, PAGE_ATTRIBUTE, None)
        if page is not None and self.may_store(request, response, page):
            tags = compact(loaded | response_tags(request, page)) | {store.EVERYTHING}
            if edge.enabled():
                edge.label(response, tags)
            stored = store.save(key, response, tags, started_ns)
            response["X-Cache"] = "miss" if stored else "stale"
            if not stored:  # rendered during a purge: the HTTP cache must not keep it either
                edge.unlabel(response)
            elif mirror.enabled():
                mirror.keep(request, response, tags, started_ns)
        elif page is not None:
            response["X-Cache"] = "bypass"
        return response

    def may_use_cache(self, request) -> bool:
        """Anonymous GET/HEAD of a page address, without a session or pending messages."""
        return (
            request.method in ("GET", "HEAD")
            and not request.path_info.startswith(self.skip_prefixes)
            and not any(name in request.COOKIES for name in self.private_cookies)
            and len(request.META.get("QUERY_STRING", "")) <= settings.PAGECACHE_MAX_QUERY_LENGTH
        )

    def may_store(self, request, response, page) -> bool:
        """A complete public 200 response that carries nothing belonging to this visitor."""
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.method != "GET" or request.META.get("CSRF_COOKIE_USED"):
            return False
        if any(word in response.get("Cache-Control", "") for word in UNCACHEABLE_CONTROL):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        messages = getattr(request, "_messages", None)
        if messages is not None and (messages._queued_messages or messages.used):
            return False
        return not page.get_view_restrictions().exists()
