"""Sites, their settings and view restrictions kept in each process, checked once per request.

Every public request needs its Site (hostname → site), the site's root page, the site root
paths (to build page URLs) and the site's settings (theme, footer). Wagtail asks the database
for the Site and the settings once per request, and the cache for the root paths each time a
URL is built (six times on an item page). During a GET or HEAD request this module reads the
root paths and a version stamp in one cache call; the process keeps the Site and SiteSettings
rows and each site's root page, and reloads them when the stamp changed. The stamp is renewed
whenever Wagtail forgets its root paths (a site saved or deleted, a site root moved), when
site settings are saved or deleted and when a site's root page is saved (edited, published,
unpublished), at once and again after the commit, so every process sees a change at its next
request. Each request gets its own copies, so nothing it loads through them is shared.
Each site's organisation is kept too (renewed when an organisation is saved or deleted).
The pages carrying a view restriction are kept too (renewed when a restriction is saved or
deleted, a page moved or an alias saved): lists exclude them without reading the restrictions,
and a page no restriction can reach is served without Wagtail's two-query check.
Outside a request (admin saves, tasks, shells) and for other methods Wagtail's lookups run,
except in public views marked `reads_sites` (the application form's POST): they only read sites.
"""

import contextvars
import copy
import time

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models import sites as wagtail_sites
from wagtail.signals import post_page_move

STAMP_KEY = "cluster_site_table"
_VERSION = wagtail_sites.SITE_ROOT_PATHS_CACHE_VERSION
_wagtail_root_paths = Site.get_site_root_paths
_wagtail_find = Site._find_for_request
_wagtail_clear = Site.clear_site_root_paths_cache
_wagtail_view_restrictions = Page.get_view_restrictions


class _Table:
    """The Site rows (root page class noted), and each site's settings, as of one stamp."""

    def __init__(self, stamp):
        from .models import SiteSettings

        self.stamp = stamp
        self.sites = []
        self.roots = {}  # root page id -> the specific root page (handed out as copies)
        for site in Site.objects.select_related("root_page"):
            root_class = ContentType.objects.get_for_id(site.root_page.content_type_id)
            site._state.fields_cache.clear()  # each request gets its own copy of the root
            self.sites.append((site, root_class.model_class() or Page))
        for site, root_class in self.sites:
            if site.root_page_id not in self.roots:
                self.roots[site.root_page_id] = root_class.objects.get(pk=site.root_page_id)
        self.settings = {row.site_id: row for row in SiteSettings.base_queryset()}
        self.organisations = _organisations(self.roots.values())
        self.restricted, self.alias_paths = _restrictions()

    def match(self, hostname: str, port: int):
        """(site, root page class) as Wagtail's `get_site_for_hostname` chooses, or None."""
        ranked = []
        for site, root_class in self.sites:
            if site.hostname == hostname and site.port == port:
                rank = wagtail_sites.MATCH_HOSTNAME_PORT
            elif site.hostname == hostname and site.is_default_site:
                rank = wagtail_sites.MATCH_HOSTNAME_DEFAULT
            elif site.is_default_site:
                rank = wagtail_sites.MATCH_DEFAULT
            elif site.hostname == hostname:
                rank = wagtail_sites.MATCH_HOSTNAME
            else:
                continue
            ranked.append((rank, site.pk, site, root_class))
        if not ranked:
            return None
        ranked.sort(key=lambda entry: entry[:2])
        best = ranked[0][0]
        if len(ranked) == 1 or best in (
            wagtail_sites.MATCH_HOSTNAME_PORT,
            wagtail_sites.MATCH_HOSTNAME_DEFAULT,
        ):
            return ranked[0][2:]
        return ranked[len(ranked) == 2][2:]  # the default, unless one other hostname match


def _organisations(roots) -> dict:
    """{root page id: the organisation owning it, or None}: a site's root page is usually its
    organisation's home page (one query for all of them); others are looked up one by one."""
    from .models import Organisation
    from .permissions import organisation_for_page

    roots = list(roots)
    found = {
        organisation.home_page_id: organisation
        for organisation in Organisation.objects.filter(home_page_id__in=[r.pk for r in roots])
    }
    return {root.pk: found.get(root.pk) or organisation_for_page(root) for root in roots}


def _restrictions() -> tuple[list, list]:
    """(path, depth) of each page with a view restriction, and the paths of the pages that are
    aliases of one (directly or through another alias): Wagtail applies a source page's
    restrictions to its aliases and to the pages below them."""
    rows = list(PageViewRestriction.objects.values_list("page_id", "page__path", "page__depth"))
    sources, alias_paths = {page_id for page_id, _path, _depth in rows}, []
    while sources:
        aliases = list(Page.objects.filter(alias_of_id__in=sources).values_list("id", "path"))
        alias_paths += [path for _id, path in aliases]
        sources = {page_id for page_id, _path in aliases}
    return [(path, depth) for _id, path, depth in rows], alias_paths


class _RequestState:
    __slots__ = ("root_paths", "table")

    def __init__(self, root_paths, table):
        self.root_paths, self.table = root_paths, table


_table: _Table | None = None
_NOT_READ = object()  # a GET/HEAD request whose stamp has not been read yet
_state: contextvars.ContextVar = contextvars.ContextVar("site_table", default=None)


def _current() -> _RequestState | None:
    """This request's root paths and table (read at the first call), or None outside one."""
    global _table
    state = _state.get()
    if state is None or state is not _NOT_READ:
        return state
    key = wagtail_sites.SITE_ROOT_PATHS_CACHE_KEY
    found = cache.get_many([key, STAMP_KEY], version=_VERSION)
    stamp = found.get(STAMP_KEY)
    if stamp is None:  # first use or evicted: any table kept so far is out of date
        cache.add(STAMP_KEY, time.time_ns(), timeout=None, version=_VERSION)
        stamp = cache.get(STAMP_KEY, version=_VERSION)
    table = _table
    if table is None or stamp is None or table.stamp != stamp:
        table = _table = _Table(stamp)
    state = _RequestState(found.get(key), table)
    _state.set(state)
    return state


def get_site_root_paths():
    """Wagtail's site root paths, read once per GET/HEAD request."""
    state = _current()
    if state is None:
        return _wagtail_root_paths()
    if state.root_paths is None:
        state.root_paths = _wagtail_root_paths()
    return state.root_paths


def find_for_request(request):
    """Wagtail's Site for `request` from the process table, with its specific root page."""
    state = _current()
    if state is None:
        return _wagtail_find(request)
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())  # a string; the database compared it as a number
    except ValueError:
        port = None
    found = state.table.match(hostname, port)
    if found is None:
        return None
    site, _root_class = found
    site = copy.copy(site)
    # the specific root page: routing starts there, the header and breadcrumbs show it. A
    # copy per request, so whatever a request caches on it stays with that request.
    site.root_page = copy.copy(state.table.roots[site.root_page_id])
    return site


def settings_for(site):
    """A copy of the SiteSettings row of `site` kept in the table, or None (read it instead)."""
    state = _current()
    if state is None or site is None:
        return None
    row = state.table.settings.get(site.pk)
    return copy.copy(row) if row is not None else None


def organisation_of(site):
    """The organisation owning `site` (its root page's subtree): a copy of the one kept in the
    table during a request that reads it, otherwise read from the database."""
    if site is None:
        return None
    state = _current()
    if state is None or site.root_page_id not in state.table.organisations:
        from .permissions import organisation_for_page

        return organisation_for_page(site.root_page)
    organisation = state.table.organisations[site.root_page_id]
    return copy.copy(organisation) if organisation is not None else None


def restricted_pages() -> list[tuple[str, int]] | None:
    """(path, depth) of every page with a view restriction, or None outside a GET/HEAD request."""
    state = _current()
    return None if state is None else state.table.restricted


def get_view_restrictions(page):
    """Wagtail's `Page.get_view_restrictions`, answered without a query for a page that no
    restriction can reach (no restricted page or alias of one on its path)."""
    state = _current()
    if state is not None and page.path:
        table = state.table
        paths = [path for path, _depth in table.restricted] + table.alias_paths
        if not any(page.path.startswith(path) for path in paths):
            return PageViewRestriction.objects.none()
    return _wagtail_view_restrictions(page)


def renew() -> None:
    """Make every process reload the table at its next request (now and after the commit)."""
    cache.set(STAMP_KEY, time.time_ns(), timeout=None, version=_VERSION)
    transaction.on_commit(
        lambda: cache.set(STAMP_KEY, time.time_ns(), timeout=None, version=_VERSION)
    )


def forget() -> None:
    """Drop this process's table (tests: ids are reused after a rolled-back transaction)."""
    global _table
    _table = None


def _clear_site_root_paths_cache():
    _wagtail_clear()
    renew()


def _changed(sender, **kwargs):
    renew()


def _page_saved(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    # a new alias may be restricted; a site's root page is kept in the table
    if instance.alias_of_id or Site.objects.filter(root_page_id=instance.pk).exists():
        renew()


def install() -> None:
    """Route Wagtail's Site lookups through the table (called once at start-up)."""
    from .models import Organisation, SiteSettings

    Site.get_site_root_paths = staticmethod(get_site_root_paths)
    Site._find_for_request = staticmethod(find_for_request)
    Site.clear_site_root_paths_cache = staticmethod(_clear_site_root_paths_cache)
    Page.get_view_restrictions = get_view_restrictions
    for model in (SiteSettings, PageViewRestriction, Organisation):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"cluster_site_table_{model}")
    post_save.connect(_page_saved, dispatch_uid="cluster_site_table_alias")
    post_page_move.connect(_changed, dispatch_uid="cluster_site_table_moved")  # restricted paths


def reads_sites(view):
    """Mark a public view whose other methods (a form's POST) are served from the table too.

    Only for views that never change a site, its settings or its root page: such a POST would
    otherwise pay Wagtail's Site and settings queries and the root-path reads of its rendered
    answer, which the filing form did on every application under load.
    """
    view.reads_sites = True
    return view


class SiteTablePerRequestMiddleware:
    """Read the sites' version stamp and root paths at most once while serving a GET/HEAD, or
    a request for a view marked `reads_sites` (set up before the view, kept while its answer
    renders)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reading = request.method in ("GET", "HEAD")
        token = _state.set(_NOT_READ if reading else None)
        try:
            return self.get_response(request)
        finally:
            _state.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _state.get() is None and getattr(view_func, "reads_sites", False):
            _state.set(_NOT_READ)  # undone by __call__ once the answer is rendered
