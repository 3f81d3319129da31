"""Page routing in one query for the whole URL, instead of two per path segment.

Wagtail's `Page.route` walks the tree: each segment loads the child by slug, then its specific
row, so `/xxgk/fdzdgknr/gzhgfxwj/<item>/` costs eight queries before the page renders. A site
root using `OneQueryRouteMixin` loads every page on the path in one indexed query (slug and
tree path), then the specific row of the page found. Pages that route for themselves keep
doing so: a `RoutablePageMixin` page whose own sub-routes match the rest of the path (feeds,
filters), or any page class with its own `route()`, is handed the remaining segments as
Wagtail would have. The result is the same `RouteResult` (or Http404) as Wagtail's walk.
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.db.models.query import MAX_GET_RESULTS
from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from . import compiled_queries

ROUTED_ATTRIBUTE = "_cluster_routed_pages"  # the request's root and the pages on its path
# What routing and 当前位置 read of the pages on the path: the generic rows are read for every
# request, and Wagtail's ~25 page columns (revisions, locks, SEO, ...) cost processor time to
# select and load. The page found is loaded again as its own type, in full.
CHAIN_FIELDS = ("path", "depth", "slug", "content_type_id", "live", "title", "url_path")


class OneQueryRouteMixin:
    """For site root page types: route the whole path below the root in one query."""

    def route(self, request, path_components):
        routable = isinstance(self, RoutablePageMixin)
        if not path_components or (routable and _own_route_matches(type(self), path_components)):
            return super().route(request, path_components)
        return route_below(self, request, path_components)


def _walks_like_page(cls) -> bool:
    """Whether `cls` routes children exactly as Wagtail's `Page.route` does."""
    return cls.route in (Page.route, OneQueryRouteMixin.route)


def _own_route_matches(cls, components) -> bool:
    """Whether a routable page class has a sub-route for the remaining segments."""
    try:
        cls.get_resolver().resolve("/" + "/".join(components) + "/" if components else "/")
    except Resolver404:
        return False
    return True


def _chain_queryset(root_path, root_depth, deepest, slugs):
    """The generic rows below `root_path` whose slug is one of `slugs`, down to `deepest`."""
    return Page.objects.filter(
        path__startswith=root_path, depth__gt=root_depth, depth__lte=deepest, slug__in=slugs
    ).only(*CHAIN_FIELDS)


def _chain(root, components) -> list[Page]:
    """The pages (generic rows) on the path below `root`, as deep as it exists."""
    steplen = Page.steplen
    slugs = tuple(sorted(set(components)))  # the SQL depends on their number only
    values = (root.path, root.depth, root.depth + len(components), slugs)
    rows = compiled_queries.fetch(("route-chain", len(slugs)), Page, _chain_queryset, values)
    by_place = {(page.path[:-steplen], page.depth, page.slug): page for page in rows}
    chain, parent_path = [], root.path
    for offset, slug in enumerate(components, 1):
        found = by_place.get((parent_path, root.depth + offset, slug))
        if found is None:
            break
        chain.append(found)
        parent_path = found.path
    return chain


def ancestors_routed(request, page) -> list[Page] | None:
    """`page` and its ancestors from the site root, as routing loaded them for `request`
    (generic rows: titles and URLs for 当前位置), or None if routing did not pass `page`."""
    pages = getattr(request, ROUTED_ATTRIBUTE, None) or []
    for index, routed in enumerate(pages):
        if routed.pk == page.pk:
            return pages[: index + 1]
    return None


def _routes_here(cls, live: bool, remaining) -> bool:
    """Whether the page (class `cls`) must route `remaining` itself instead of the walk."""
    if _walks_like_page(cls):
        return False
    if cls.route is RoutablePageMixin.route:  # Wagtail's routable pages: own routes first
        return live and _own_route_matches(cls, remaining)
    return True  # a route() of its own: it decides


def _specific_queryset(cls, pk):
    """The queryset `_specific` runs: `QuerySet.get(pk=pk)`'s query for the routing queryset."""
    related = getattr(cls, "route_select_related", ())
    queryset = cls.objects.select_related(*related) if related else cls.objects.all()
    refine = getattr(cls, "route_queryset", None)
    if refine is not None:
        queryset = refine(queryset)
    return queryset.filter(pk=pk).order_by()[:MAX_GET_RESULTS]


def _specific(cls, pk):
    """The page `pk` as its own type, with what the type names in `route_select_related`
    (rows every view of it shows, e.g. an item's organisation) joined into the same query,
    and what its `route_queryset(queryset)` classmethod adds (annotations answering in the same
    query what would otherwise cost one query each while rendering). The query is compiled
    once per page type (`cluster.compiled_queries`)."""
    found = compiled_queries.fetch(
        ("route-specific", cls), cls, functools.partial(_specific_queryset, cls), (pk,)
    )
    if len(found) != 1:  # removed (or moved) since the path query: as `QuerySet.get` would
        raise cls.DoesNotExist(f"{cls._meta.object_name} matching query does not exist.")
    return found[0]


def route_below(root, request, components):
    """Wagtail's RouteResult for `components` below the site root page `root`."""
    chain = _chain(root, components)
    setattr(request, ROUTED_ATTRIBUTE, [root, *chain])
    for index, page in enumerate(chain):
        cls = ContentType.objects.get_for_id(page.content_type_id).model_class()
        if cls is None:  # a page type whose code was removed: nothing can serve it
            raise Http404
        remaining = components[index + 1 :]
        if index == len(chain) - 1 or _routes_here(cls, page.live, remaining):
            # the deepest page found, or one routing for itself: Wagtail's route from here
            # (the rest of the path is its own sub-route, a child, or a 404)
            return _specific(cls, page.pk).route(request, remaining)
    raise Http404  # the first segment is not a child of the root
