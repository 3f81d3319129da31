"""The catalog tree written in bulk (cluster.pagetree) equals the one add_child builds."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models.signals import post_save
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from catalog.models import ARTICLE20_NODES, CatalogNodePage, CatalogRootPage
from catalog.tree import TOP_NODES, _live, _root_page, ensure_catalog_tree
from cluster.pagetree import add_subtree
from tests.helpers import make_organisation

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("real_provisioning", "wagtail_search_index"),
]

PAGE_FIELDS = [
    "title",
    "draft_title",
    "slug",
    "content_type_id",
    "live",
    "has_unpublished_changes",
    "show_in_menus",
    "locale_id",
    "latest_revision_id",
    "live_revision_id",
    "alias_of_id",
    "owner_id",
    "locked",
]
NODE_FIELDS = ["node_kind", "statutory", "article20_item", "intro"]


class _Saves:
    """The post_save signals sent while building (what cache, search and index receivers see)."""

    def __init__(self):
        self.sent = []

    def __call__(self, sender, instance, created, raw, update_fields, **kwargs):
        if isinstance(instance, Page):
            self.sent.append((sender.__name__, instance.slug, created, raw, update_fields))


def _with_saves(build):
    saves = _Saves()
    post_save.connect(saves, weak=False, dispatch_uid="test_tree_bulk")
    try:
        build()
    finally:
        post_save.disconnect(dispatch_uid="test_tree_bulk")
    return saves.sent


def _tree(organisation) -> list[tuple]:
    """The subtree under the organisation's home page, relative to it, in path order."""
    home = Page.objects.get(id=organisation.home_page_id)
    pages = Page.objects.descendant_of(home).order_by("path").specific()
    rows = []
    for page in pages:
        references = ReferenceIndex.objects.filter(object_id=str(page.id)).values_list(
            "to_content_type_id", "model_path", "content_path"
        )
        rows.append(
            (
                page.path[len(home.path) :],
                page.depth - home.depth,
                page.numchild,
                page.url_path[len(home.url_path) :],
                type(page).__name__,
                *(getattr(page, name) for name in PAGE_FIELDS),
                *(getattr(page, name, None) for name in NODE_FIELDS),
                bool(page.first_published_at and page.last_published_at),
                isinstance(page, CatalogRootPage) and page.organisation_id == organisation.id,
                sorted(references),
                IndexEntry.objects.filter(object_id=str(page.id)).count(),
                Revision.page_revisions.filter(object_id=str(page.id)).count(),
            )
        )
    return rows


def test_bulk_tree_equals_the_tree_add_child_builds(portal):
    bulk = make_organisation("bulk", parent=portal, catalog=False)
    bulk_saves = _with_saves(lambda: ensure_catalog_tree(bulk))

    # The former way, page by page: the root through add_child, then re-provisioning, which
    # adds each missing node with add_child.
    single = make_organisation("single", parent=portal, catalog=False)

    def one_by_one():
        Page.objects.get(id=single.home_page_id).add_child(instance=_root_page(single))
        ensure_catalog_tree(single)

    single_saves = _with_saves(one_by_one)

    assert _tree(bulk) == _tree(single)
    assert len(_tree(bulk)) == 1 + len(TOP_NODES) + len(ARTICLE20_NODES)
    assert bulk_saves == single_saves and len(bulk_saves) == 21
    assert all(row[-2] > 0 for row in _tree(bulk))  # each page is in the search index
    homes = Page.objects.filter(id__in=[bulk.home_page_id, single.home_page_id])
    assert {home.numchild for home in homes} == {1}
    keys = CatalogNodePage.objects.values_list("translation_key", flat=True)
    assert len(set(keys)) == len(keys)
    assert Page.find_problems() == ([], [], [], [], [])  # what `fixtree` would repair


def test_provisioned_trees_keep_the_tree_invariants(portal, dept):
    make_organisation("czj", hostname="czj.localhost", parent=portal, name="云溪市财政局")
    assert Page.find_problems() == ([], [], [], [], [])
    assert CatalogRootPage.objects.count() == 3
    for root in CatalogRootPage.objects.all():
        titles = list(root.get_descendants().values_list("title", "slug", "depth"))
        assert len(titles) == len(TOP_NODES) + len(ARTICLE20_NODES)
        assert {(title, slug) for title, slug, _depth in titles} >= {
            (title, slug) for _kind, title, slug in TOP_NODES
        }
        assert root.url_path == root.get_parent().url_path + "xxgk/"
        statutory = root.get_children().get(slug="fdzdgknr")
        items = CatalogNodePage.objects.child_of(statutory).order_by("path")
        assert list(items.values_list("article20_item", flat=True)) == list(ARTICLE20_NODES)
        assert all(item.url_path == f"{statutory.url_path}{item.slug}/" for item in items)


def test_a_clashing_slug_is_refused_and_nothing_is_written(portal):
    home = Page.objects.get(id=portal.home_page_id)
    count = Page.objects.count()
    with pytest.raises(ValidationError, match="已被同级页面使用"):
        add_subtree(home, [(_live(CatalogNodePage(title="重复", slug="xxgk")), [])])
    assert Page.objects.count() == count
    twins = [(_live(CatalogNodePage(title=t, slug="same")), []) for t in ("一", "二")]
    with pytest.raises(ValidationError, match="不能重复"):
        add_subtree(home, [(_live(CatalogNodePage(title="新", slug="new")), twins)])
    assert Page.objects.count() == count
