"""What the page cache must know of the catalog's pages (cluster.pagecache registry)."""

from django.apps import apps

from cluster.pagecache.dependencies import (
    model_tag,
    register_change_rule,
    register_response_rule,
    track_model,
)

from .models import CatalogNodePage, CatalogRootPage, DisclosureItemPage, PolicyInterpretation
from .models.choices import NodeKind

# The portal's city-wide catalog lists every organisation's items.
PORTAL_CATALOG = "catalog:items"

track_model("catalog.TopicCategory", "collection")


@register_response_rule
def catalog_lists(page) -> set[str]:
    """Catalog roots and nodes list their subtree's items, filtered by topic."""
    tags = set()
    if isinstance(page, CatalogRootPage | CatalogNodePage):
        tags.add(f"subtree:{page.pk}")
        tags.add(model_tag(apps.get_model("catalog", "TopicCategory")))
    if isinstance(page, CatalogRootPage) and page.is_portal:
        tags |= {PORTAL_CATALOG, model_tag(apps.get_model("cluster", "Organisation"))}
    is_report_node = isinstance(page, CatalogNodePage) and page.node_kind == NodeKind.ANNUAL_REPORT
    if is_report_node and apps.is_installed("disclosure"):
        tags.add(model_tag(apps.get_model("disclosure", "AnnualReport")))
    return tags


@register_change_rule
def item_lists(page, specific_class) -> set[str]:
    """An item also shows in other nodes (by reference), on its policy's page, and in the
    portal's city-wide catalog."""
    if specific_class is None or not issubclass(specific_class, DisclosureItemPage):
        return set()
    also_in = DisclosureItemPage.also_in.through.objects.filter(disclosureitempage_id=page.pk)
    tags = {f"children:{pk}" for pk in also_in.values_list("catalognodepage_id", flat=True)}
    # a policy's page lists its interpretations (解读): a new link must reach the policy
    policies = PolicyInterpretation.objects.filter(interpretation_id=page.pk)
    tags |= {f"page:{pk}" for pk in policies.values_list("policy_id", flat=True)}
    return tags | {PORTAL_CATALOG}
