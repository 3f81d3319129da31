"""Read-only JSON API of the disclosure catalog (django-ninja; OpenAPI at /api/openapi.json)."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from cluster.keyset import keyset_page

from .listing import apply_filters, clean_filters
from .models import DisclosureItemPage

router = Router(tags=["政府信息公开目录"])
MAX_LIMIT = 100


class ItemSummary(Schema):
    index_number: str
    title: str
    organisation: str
    document_number: str
    written_date: dt.date
    publish_date: dt.date
    topic: str
    genre: str
    five_publics: str
    validity: str
    url: str


class Attachment(Schema):
    title: str
    url: str


class ItemDetail(ItemSummary):
    summary: str
    body: str
    keywords: str
    effective_date: dt.date | None
    valid_until: dt.date | None
    validity_changed_on: dt.date | None
    service_target: str
    document_class: str
    disclosure_attribute: str
    disclosure_method: str
    disclosure_scope: str
    article20_item: int | None
    attachments: list[Attachment]
    interpretations: list[str]
    interprets: list[str]


class ItemPage(Schema):
    items: list[ItemSummary]
    next_cursor: str | None
    previous_cursor: str | None


class ItemFilters(Schema):
    org: str | None = None
    topic: str | None = None
    genre: str | None = None
    year: int | None = None
    five_publics: str | None = None
    validity: str | None = None
    after: str | None = None
    before: str | None = None
    limit: int = 20


def _summary(item) -> dict:
    return {
        "index_number": item.index_number,
        "title": item.title,
        "organisation": item.organisation.name,
        "document_number": item.document_number,
        "written_date": item.written_date,
        "publish_date": item.publish_date,
        "topic": item.topic.name,
        "genre": str(item.get_genre_display()),
        "five_publics": str(item.get_five_publics_display()),
        "validity": item.current_validity_label,
        "url": item.full_url or "",
    }


def _items():
    return (
        DisclosureItemPage.objects.live()
        .public()
        .exclude(index_number=None)
        .select_related("organisation", "topic")
    )


@router.get("/items", response=ItemPage, summary="公开信息列表（可筛选，游标分页）")
def list_items(request, filters: Query[ItemFilters]):
    """Newest first. Filters: org (机构英文标识), topic (主题分类编码), genre, year, five_publics,
    validity (valid/expired/repealed). Follow `next_cursor` with `after=` for the next page."""
    params = {key: str(value) for key, value in filters.dict().items() if value is not None}
    page = keyset_page(
        apply_filters(_items(), clean_filters(params)),
        after=filters.after,
        before=filters.before,
        size=max(1, min(filters.limit, MAX_LIMIT)),
    )
    return {
        "items": [_summary(item) for item in page.items],
        "next_cursor": page.next_cursor,
        "previous_cursor": page.previous_cursor,
    }


@router.get("/items/{path:index_number}", response=ItemDetail, summary="按索引号查看公开信息")
def item_detail(request, index_number: str):
    item = get_object_or_404(_items(), index_number=index_number)
    return _summary(item) | {
        "summary": item.summary,
        "body": item.body,
        "keywords": item.keywords,
        "effective_date": item.effective_date,
        "valid_until": item.valid_until,
        "validity_changed_on": item.validity_changed_on,
        "service_target": str(item.get_service_target_display()),
        "document_class": str(item.get_document_class_display()),
        "disclosure_attribute": str(item.get_disclosure_attribute_display()),
        "disclosure_method": str(item.get_disclosure_method_display()),
        "disclosure_scope": str(item.get_disclosure_scope_display()),
        "article20_item": item.article20_item,
        "attachments": [
            {"title": attachment.display_title, "url": attachment.document.url}
            for attachment in item.attachments.select_related("document")
        ],
        "interpretations": [i.index_number for i in item.related_interpretations],
        "interprets": [p.index_number for p in item.interpreted_policies],
    }
