"""Filing each published annual report in the organisation's catalog (政府信息公开年报 node).

The report is 法定主动公开 content like any other item: it gets a DisclosureItemPage in the
年报 node, published through the usual path, so it takes the next 索引号 of the organisation
(`catalog.index_numbers`), appears in the catalog lists, feeds and search, and links to the
report page where the tables are shown. Named in CatalogConfig.annual_report_filers and called
by `disclosure.report_publishing`, so the catalog imports nothing from disclosure.
"""

from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from .models import (
    CatalogNodePage,
    CatalogRootPage,
    DisclosureItemPage,
    FivePublics,
    Genre,
    NodeKind,
    TopicCategory,
)

TOPIC_NAME = "政务公开"  # 综合政务 / 政务公开 in the national topic list


def annual_report_node(organisation) -> CatalogNodePage | None:
    """The organisation's 政府信息公开年报 node, wherever an admin has moved it."""
    root = CatalogRootPage.objects.filter(organisation=organisation).first()
    if root is None:
        return None
    return (
        CatalogNodePage.objects.descendant_of(root).filter(node_kind=NodeKind.ANNUAL_REPORT).first()
    )


def file_annual_report(report, url: str):
    """Publish the catalog entry of `report` (a disclosure AnnualReport) and return it.

    The returned item carries the 索引号; None when the organisation has no 年报 node.
    """
    node = annual_report_node(report.organisation)
    if node is None:
        return None
    title = f"{report.organisation.name}{report.year}年政府信息公开工作年度报告"
    slug = slugify(f"ndbg-{report.year}")
    if node.get_children().filter(slug=slug).exists():
        slug = f"{slug}-{report.pk}"
    today = timezone.localdate()
    item = DisclosureItemPage(
        title=title,
        slug=slug,
        organisation=report.organisation,
        written_date=today,
        publish_date=today,
        topic=TopicCategory.objects.filter(name=TOPIC_NAME).first()
        or TopicCategory.objects.order_by("code").first(),
        genre=Genre.REPORT,
        five_publics=FivePublics.RESULT,
        summary=f"{report.organisation.name}发布{report.year}年政府信息公开工作年度报告。",
        body=f'<p>全文及统计表格见：<a href="{escape(url)}">{escape(title)}</a></p>',
        live=False,
    )
    node.add_child(instance=item)
    item.save_revision().publish()
    item.refresh_from_db()
    return item
