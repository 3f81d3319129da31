"""Addresses the load test visits, sampled from the loaded demo cluster (run with Django set up)."""

import random


def host_of(page) -> str:
    """The hostname (no scheme, no port) of the site serving `page`."""
    root_url = page.get_url_parts()[1]
    return root_url.split("://", 1)[-1].split(":")[0]


def sample(limit: int = 200, seed: int = 7) -> dict:
    """{"home": [...], "catalog": [...], "item": [...], "search": [...], "filing": [...]}

    Each entry is (host, path). Filing targets are department sites (the portal form asks the
    applicant to pick an organisation first, which the load test also does).
    """
    from catalog.models import CatalogNodePage, CatalogRootPage, DisclosureItemPage
    from cluster.models import ArticlePage, Organisation

    rng = random.Random(seed)
    organisations = list(Organisation.objects.select_related("home_page"))
    home = [(host_of(org.home_page), org.home_page.get_url_parts()[2]) for org in organisations]
    catalog = []
    for root in CatalogRootPage.objects.live():
        catalog.append((host_of(root), root.get_url_parts()[2]))
    nodes = list(CatalogNodePage.objects.live().filter(node_kind__in=["statutory_item", "rules"]))
    for node in rng.sample(nodes, min(len(nodes), 40)):
        host, path = host_of(node), node.get_url_parts()[2]
        catalog += [(host, path), (host, f"{path}?year={rng.randint(2019, 2026)}")]
    items = list(DisclosureItemPage.objects.live().public().order_by("?")[:limit])
    items += list(ArticlePage.objects.live().public().order_by("?")[: limit // 2])
    item = [(host_of(page), page.get_url_parts()[2]) for page in items]
    words = ["营商环境", "预算", "行政许可", "通知", "规划", "统计", "教育", "医疗", "公示", "招聘"]
    search = [(host, f"/search/?q={word}") for word in words for host, _ in home[:3]]
    filing = [
        (host_of(org.home_page), "/ysqgk/") for org in organisations if org.parent_id is not None
    ]
    return {"home": home, "catalog": catalog, "item": item, "search": search, "filing": filing}
