"""Bulk page insertion: thousands of live pages a second under one parent.

Wagtail's per-page save (revision, signals, tree lock) would take days for a million pages.
Here page rows are bulk-inserted with their treebeard paths computed directly, the specific
rows inserted after them, and the parent's child count updated once per batch. Search
signals do not fire: run `manage.py search_reindex` afterwards.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page


def add_children(parent: Page, model, rows: list[dict], rng=None) -> list[int]:
    """Add live pages of `model` under `parent`; each row holds the page's `title`, `slug`,
    `first_published_at` and the model's own fields. Returns the new page ids, in order."""
    content_type = ContentType.objects.get_for_model(model)
    page_fields = {field.attname for field in Page._meta.concrete_fields}
    with transaction.atomic():
        parent = Page.objects.select_for_update().get(pk=parent.pk)
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        position = Page._str2int(last[-Page.steplen :]) if last else 0
        pages = []
        for offset, row in enumerate(rows, start=1):
            published = row["first_published_at"]
            pages.append(
                Page(
                    title=row["title"],
                    draft_title=row["title"],
                    slug=row["slug"],
                    path=Page._get_path(parent.path, parent.depth + 1, position + offset),
                    depth=parent.depth + 1,
                    numchild=0,
                    url_path=f"{parent.url_path}{row['slug']}/",
                    live=True,
                    has_unpublished_changes=False,
                    content_type=content_type,
                    locale_id=parent.locale_id,
                    translation_key=uuid.UUID(int=rng.getrandbits(128)) if rng else uuid.uuid4(),
                    first_published_at=published,
                    last_published_at=published,
                    show_in_menus=False,
                    seo_title="",
                    search_description=row.get("search_description", ""),
                )
            )
        Page.objects.bulk_create(pages, batch_size=1000)
        specific = [
            model(
                page_ptr_id=page.id,
                **{name: value for name, value in row.items() if name not in page_fields},
            )
            for page, row in zip(pages, rows, strict=True)
        ]
        for start in range(0, len(specific), 500):  # SQLite caps the parameters of a statement
            model.objects._insert(
                specific[start : start + 500], fields=model._meta.local_concrete_fields
            )
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return [page.id for page in pages]
