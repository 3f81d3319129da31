"""Search documents for disclosure items (主动公开信息), with the catalog's facets."""

import datetime as dt

from django.utils import timezone

from search.documents import SearchDocument
from search.registry import PageSource, register
from search.text import plain_text

from .models import DisclosureItemPage, FivePublics, Genre


class DisclosureItemDocument(SearchDocument):
    """Disclosure items fill every facet: 主题分类, 体裁, 五公开, 有效性."""


@register
class DisclosureItemSource(PageSource):
    label = "disclosure_item"
    verbose_name = "主动公开信息"
    model = DisclosureItemPage
    document = DisclosureItemDocument

    def queryset(self):
        # No .specific(): items have no page subclasses, and it would drop select_related.
        return self.model.objects.live().public().select_related("topic", "organisation")

    def record(self, page):
        record = self.base_record(
            page,
            body=plain_text(page.body),
            summary=page.summary,
            document_number=page.document_number,
            keywords=f"{page.keywords} {page.index_number}".strip(),
            topic=page.topic.name if page.topic_id else "",
            # The enums' labels: get_FOO_display() hashes every lazy choice label per call,
            # which took a quarter of the time of a full reindex.
            genre=str(Genre(page.genre).label) if page.genre else "",
            five_publics=str(FivePublics(page.five_publics).label) if page.five_publics else "",
            validity=page.current_validity_label,
            catalog_path=page.path[: -page.steplen],  # the parent's path
        )
        # 发布机构 and 发布日期 are the item's metadata, not where or when the page went live.
        record.organisation_id, record.organisation = page.organisation_id, page.organisation.name
        if page.publish_date:
            record.published = timezone.make_aware(
                dt.datetime.combine(page.publish_date, dt.time(9))
            )
        return record
