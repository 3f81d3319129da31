"""What a catalog list page shows around its items: tree, sub-nodes, filter choices, item URLs.

None of it depends on the items listed, the filters or the cursor, so an uncached list page
reads it as one cached fragment (`cluster.pagecache.store.fragment`) shared by every filter
and page of that list, kept under the tags a change of the tree purges: `children:<root>` (a
node added, renamed or removed), `children:<page>` (this node's sub-nodes), `page:<root>` (the
专栏's title), `site:<id>` (view restrictions, moves, slugs), the topic and organisation models.
"""

from dataclasses import dataclass

from django.apps import apps
from wagtail.models import Site

from cluster.page_urls import page_url_builder
from cluster.pagecache import ahead, store
from cluster.pagecache.dependencies import model_tag


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
    ahead.prefetch_page(request, [name])  # with the navigation and footer: one read for all
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
