"""What a catalog list page shows around its items: tree, sub-nodes, filter choices, item URLs.

None of it depends on the items listed, the filters or the cursor, so an uncached list page
reads it as one cached fragment (`cluster.pagecache.store.fragment`) shared by every filter
and page of that list, kept under the tags a change of the tree purges: `children:<root>` (a
node added, renamed or removed), `children:<page>` (this node's sub-nodes), `page:<root>` (the
专栏's title), `site:<id>` (view restrictions, moves, slugs), the topic and organisation models.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.apps import apps
from django.urls import reverse
from wagtail.models import Site

from cluster.pagecache import store
from cluster.pagecache.dependencies import model_tag

# what Django's reverse() leaves unquoted in a path (django.urls.resolvers)
_SAFE = "!$&'()*+,;=/~:@"


@dataclass(frozen=True)
class CatalogNavigation:
    """The parts of a list page that are the same for every filter and cursor."""

    root_pk: int
    root_title: str
    root_url: str
    page_url: str  # this list page's own URL (its feeds are below it)
    organisation_id: int
    is_portal: bool
    tree: tuple  # (pk, title, url) of the 专栏's top nodes
    nodes: tuple  # (pk, title, url) of this page's own sub-nodes
    topics: tuple  # (code, name) of the top-level 主题分类
    organisations: tuple  # (slug, short name) on the portal's city-wide catalog, else ()


def catalog_navigation(request, page, root) -> CatalogNavigation:
    """The navigation of list page `page` (a 专栏 root or node) under 专栏 `root`.

    `root` may be a callable returning the root page: it is only called when the fragment is
    computed, so a cached node page does not look its 专栏 up.
    """
    site = Site.find_for_request(request)
    shown = {}

    def compute():
        catalog_root = root() if callable(root) else root
        shown["root"] = catalog_root.pk
        return _compute(request, page, catalog_root)

    if site is None:
        return compute()

    def tags():
        own = {f"site:{site.pk}", f"children:{page.pk}", store.EVERYTHING}
        return own | {f"children:{shown['root']}", f"page:{shown['root']}"} | _model_tags()

    name = f"catalog-nav:{page.pk}:{request.get_host()}"
    return store.fragment(name, tags, compute)


def _model_tags() -> set[str]:
    return {
        model_tag(apps.get_model("catalog", "TopicCategory")),
        model_tag(apps.get_model("cluster", "Organisation")),
    }


def _compute(request, page, root) -> CatalogNavigation:
    from cluster.models import Organisation

    from .models import CatalogNodePage, TopicCategory

    url_for = page_url_builder(request)

    def node_links(parent):
        children = parent.get_children().live().public().type(CatalogNodePage)
        rows = children.values_list("pk", "title", "url_path")
        return tuple((pk, title, url_for(url_path)) for pk, title, url_path in rows)

    tree = node_links(root)
    is_portal = root.is_portal
    organisations = Organisation.objects.values_list("slug", "short_name") if is_portal else ()
    return CatalogNavigation(
        root_pk=root.pk,
        root_title=root.title,
        root_url=url_for(root.url_path),
        page_url=url_for(page.url_path),
        organisation_id=root.organisation_id,
        is_portal=is_portal,
        tree=tree,
        nodes=tree if page.pk == root.pk else node_links(page),
        topics=tuple(TopicCategory.objects.filter(parent=None).values_list("code", "name")),
        organisations=tuple(organisations),
    )


def page_url_builder(request):
    """A function url_path -> the URL `Page.get_url(request)` gives for that page.

    Wagtail's per-page lookup (site root paths, current site, `reverse()`) costs more than the
    rest of a list row; a list asks it once and then only compares prefixes. Relative on the
    current site, absolute (with the other site's root URL) elsewhere, None if under no site.
    """
    site = Site.find_for_request(request)
    roots = getattr(request, "_wagtail_cached_site_root_paths", None)
    if roots is None:
        roots = request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    prefix = reverse("wagtail_serve", args=("",))
    several_sites = len({root.site_id for root in roots}) > 1
    current = site.pk if site else None

    def url_for(url_path: str) -> str | None:
        matches = [root for root in roots if url_path.startswith(root.root_path)]
        if not matches:
            return None
        chosen = next((root for root in matches if root.site_id == current), matches[0])
        path = prefix + quote(url_path[len(chosen.root_path) :], safe=_SAFE)
        if chosen.site_id == current or not several_sites:
            return path
        return chosen.root_url + path

    return url_for
