"""Wagtail's view restrictions read at most once per anonymous page view, not once per list.

`PageQuerySet.public()` (every public list, Wagtail's own page serving) loads all
`PageViewRestriction` rows each time it is called: a portal home showing six columns read the
same rows seven times. During a GET or HEAD request, which writes no restriction, the rows come
from the process's site table (`cluster.site_table`, no query) and the private sections are
rebuilt from them for every later call. Outside a request
(admin saves, tasks, shells) and for other methods Wagtail's own lookup runs unchanged.
"""

import contextvars

from django.db.models import Q
from wagtail.query import PageQuerySet

_wagtail_private_q = PageQuerySet.private_q
# (path, depth) of each restricted page, read at the first call within the current request
_restricted: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "view_restrictions", default=None
)
_NOT_READ = []  # marks a request whose restrictions have not been read yet


def current_restrictions() -> tuple | None:
    """(path, depth) of each restricted page as this GET/HEAD request sees them (read at the
    first call), or None outside one. What `public()` excludes depends on nothing else, so a
    query compiled once (`cluster.compiled_queries`) may be keyed by it."""
    restricted = _restricted.get()
    if restricted is _NOT_READ:
        from wagtail.models import PageViewRestriction

        from .site_table import restricted_pages

        restricted = restricted_pages()  # kept per process, checked once per request
        if restricted is None:
            restricted = list(PageViewRestriction.objects.values_list("page__path", "page__depth"))
        restricted = tuple(map(tuple, restricted))
        _restricted.set(restricted)
    return restricted


def private_q(queryset) -> Q:
    """Wagtail's `private_q`, from the rows read once in this request when inside one."""
    restricted = current_restrictions()
    if restricted is None:
        return _wagtail_private_q(queryset)
    q = Q()
    for path, depth in restricted:  # Wagtail's descendant_of_q(page, inclusive=True)
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])  # as Wagtail: no private section matches no page


def install() -> None:
    """Route Wagtail's `private_q` through the per-request copy (called once at start-up)."""
    PageQuerySet.private_q = private_q


class ViewRestrictionsPerRequestMiddleware:
    """Read view restrictions at most once while serving a GET or HEAD request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _restricted.set(_NOT_READ)
        try:
            return self.get_response(request)
        finally:
            _restricted.reset(token)
