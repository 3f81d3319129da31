"""The standard catalog tree every organisation gets (国办公开办函〔2019〕61号 layout).

Built by a receiver of `organisation_provisioned`, idempotently: an existing node (found by
kind and, for statutory items, by 第二十条 item) is left alone, whatever it has been renamed
to or wherever it has been moved, so admins' changes survive re-provisioning.
"""

from django.dispatch import receiver
from django.utils import timezone

from cluster.pagetree import add_subtree
from cluster.provisioning import organisation_provisioned

from .models import ARTICLE20_NODES, CatalogNodePage, CatalogRootPage, NodeKind

ROOT_SLUG = "xxgk"
ROOT_TITLE = "政府信息公开"
TOP_NODES = [
    (NodeKind.GUIDE, "政府信息公开指南", "zn"),
    (NodeKind.RULES, "政府信息公开制度", "zd"),
    (NodeKind.STATUTORY, "法定主动公开内容", "fdzdgknr"),
    (NodeKind.ANNUAL_REPORT, "政府信息公开年报", "ndbg"),
    (NodeKind.REQUEST, "依申请公开", "ysqgk"),
]
NODE_INTROS = {
    NodeKind.REQUEST: "<p>公民、法人或者其他组织可以向本机关申请获取相关政府信息。</p>",
    NodeKind.ANNUAL_REPORT: "<p>本机关每年发布上一年度政府信息公开工作年度报告。</p>",
}


def _live(page):
    """`page`, marked live without a revision: the tree is scaffolding that nobody drafted.

    A city provisions dozens of organisations with 22 nodes each; a revision and a publish
    per node tripled the cost. The first edit in the admin creates the first revision.
    """
    page.live = True
    page.first_published_at = page.last_published_at = timezone.now()
    return page


def _root_page(organisation):
    return _live(
        CatalogRootPage(
            title=ROOT_TITLE, slug=ROOT_SLUG, organisation=organisation, show_in_menus=True
        )
    )


def _top_node(kind, title, slug):
    return _live(
        CatalogNodePage(
            title=title,
            slug=slug,
            node_kind=kind,
            statutory=True,
            show_in_menus=True,
            intro=NODE_INTROS.get(kind, ""),
        )
    )


def _article20_node(item):
    title, slug = ARTICLE20_NODES[item]
    return _live(
        CatalogNodePage(
            title=title,
            slug=slug,
            node_kind=NodeKind.STATUTORY_ITEM,
            article20_item=item,
            statutory=True,
            show_in_menus=True,
        )
    )


def ensure_catalog_tree(organisation) -> CatalogRootPage:
    """Create the 专栏 root and its statutory nodes for `organisation` where missing."""
    root = CatalogRootPage.objects.filter(organisation=organisation).first()
    if root is None:
        # A new organisation: the whole tree in a few statements (cluster.pagetree).
        root = _root_page(organisation)
        top = [
            (
                _top_node(kind, title, slug),
                [(_article20_node(item), []) for item in ARTICLE20_NODES]
                if kind == NodeKind.STATUTORY
                else [],
            )
            for kind, title, slug in TOP_NODES
        ]
        add_subtree(organisation.home_page, [(root, top)])
        return root
    # Re-provisioning: add the nodes an admin's changes left missing, one by one.
    existing = CatalogNodePage.objects.descendant_of(root)
    for kind, title, slug in TOP_NODES:
        node = existing.filter(node_kind=kind).first()
        if node is None:
            node = root.add_child(instance=_top_node(kind, title, slug))
        if kind == NodeKind.STATUTORY:
            _ensure_article20_nodes(node, existing)
    return root


def _ensure_article20_nodes(statutory_node, existing):
    present = set(
        existing.filter(node_kind=NodeKind.STATUTORY_ITEM).values_list("article20_item", flat=True)
    )
    for item in ARTICLE20_NODES:
        if item not in present:
            statutory_node.add_child(instance=_article20_node(item))


@receiver(organisation_provisioned, dispatch_uid="catalog_tree")
def build_catalog_on_provisioning(sender, organisation, **kwargs):
    ensure_catalog_tree(organisation)
    from .workflows import ensure_review_workflow

    ensure_review_workflow(organisation)
