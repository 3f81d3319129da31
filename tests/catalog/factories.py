"""Builders for catalog tests: a provisioned organisation's nodes and published items."""

import datetime as dt

from catalog.models import CatalogNodePage, CatalogRootPage, DisclosureItemPage, TopicCategory


def root_of(organisation) -> CatalogRootPage:
    return CatalogRootPage.objects.get(organisation=organisation)


def node(organisation, slug: str) -> CatalogNodePage:
    return CatalogNodePage.objects.descendant_of(root_of(organisation)).get(slug=slug)


def topic(code: str = "0201") -> TopicCategory:
    return TopicCategory.objects.get(code=code)


def new_item(**fields) -> DisclosureItemPage:
    """An unsaved item with valid defaults; pass overrides as fields."""
    defaults = {
        "title": "云溪市关于进一步优化营商环境的若干措施",
        "written_date": dt.date(2025, 3, 3),
        "topic": topic(),
        "genre": "notice",
        "five_publics": "decision",
        "summary": "从市场准入、政务服务等方面提出20条措施。",
        "body": "<p>各区县人民政府，市直各单位：现将有关措施印发给你们，请认真贯彻执行。</p>",
    }
    return DisclosureItemPage(**(defaults | fields))


def add_item(parent: CatalogNodePage, *, publish: bool = True, **fields) -> DisclosureItemPage:
    """Add an item under `parent`, publishing it unless `publish` is False."""
    item = new_item(live=publish, **fields)
    parent.add_child(instance=item)
    revision = item.save_revision()
    if publish:
        revision.publish()
        item.refresh_from_db()
    return item
