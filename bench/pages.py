"""Bulk page insertion: thousands of live pages a second under one parent.

Wagtail's per-page save (revision, signals, tree lock) would take days for a million pages.
Here page rows are inserted with their treebeard paths computed directly (COPY on
PostgreSQL, bulk_create elsewhere), the specific rows inserted after them, and the parent's
child count updated once per batch. Search signals do not fire: run `manage.py
search_reindex` afterwards.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from wagtail.models import Page

PAGE_FIELDS = [field for field in Page._meta.concrete_fields if not field.primary_key]


def add_children(parent: Page, model, rows: list[dict], rng=None) -> list[int]:
    """Add live pages of `model` under `parent`; each row holds the page's `title`, `slug`,
    `first_published_at` and the model's own fields. Returns the new page ids, in order."""
    content_type = ContentType.objects.get_for_model(model)
    names = {field.attname for field in PAGE_FIELDS}
    with transaction.atomic():
        parent = Page.objects.select_for_update().get(pk=parent.pk)
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        position = Page._str2int(last[-Page.steplen :]) if last else 0
        defaults = {field.attname: field.get_default() for field in PAGE_FIELDS}
        page_rows = []
        for offset, row in enumerate(rows, start=1):
            published = row["first_published_at"]
            page_rows.append(
                defaults
                | {
                    "title": row["title"],
                    "draft_title": row["title"],
                    "slug": row["slug"],
                    "path": Page._get_path(parent.path, parent.depth + 1, position + offset),
                    "depth": parent.depth + 1,
                    "numchild": 0,
                    "url_path": f"{parent.url_path}{row['slug']}/",
                    "live": True,
                    "has_unpublished_changes": False,
                    "content_type_id": content_type.id,
                    "locale_id": parent.locale_id,
                    "translation_key": uuid.UUID(int=rng.getrandbits(128)) if rng else uuid.uuid4(),
                    "first_published_at": published,
                    "last_published_at": published,
                    "search_description": row.get("search_description", ""),
                }
            )
        ids = _insert(Page, PAGE_FIELDS, page_rows, serial=True)
        own_fields = model._meta.local_concrete_fields  # page_ptr first
        own_rows = [
            {name: value for name, value in row.items() if name not in names} | {"page_ptr_id": pk}
            for pk, row in zip(ids, rows, strict=True)
        ]
        _insert(model, own_fields, own_rows, serial=False)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(ids))
    return ids


def _insert(model, fields, rows: list[dict], *, serial: bool) -> list[int]:
    """Insert `rows` ({attname: value}; missing = the field's default) into `model`'s own
    table; with `serial`, new ids are drawn from its sequence and returned."""
    if connection.vendor != "postgresql":
        objects = [model(**row) for row in rows]
        if serial:
            return [obj.pk for obj in model.objects.bulk_create(objects, batch_size=500)]
        for start in range(0, len(objects), 500):  # SQLite caps a statement's parameters
            model.objects._insert(objects[start : start + 500], fields=fields)
        return []
    quote = connection.ops.quote_name
    table = model._meta.db_table
    defaults = {field.attname: field.get_default() for field in fields}
    ids = []
    with connection.cursor() as cursor:
        columns = [field.column for field in fields]
        if serial:
            pk = model._meta.pk
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk.column, len(rows)],
            )
            ids = [new_id for (new_id,) in cursor.fetchall()]
            columns = [pk.column, *columns]
        sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
        with connection.wrap_database_errors, cursor.cursor.copy(sql) as copy:
            for index, row in enumerate(rows):
                values = [row.get(field.attname, defaults[field.attname]) for field in fields]
                copy.write_row([ids[index], *values] if serial else values)
    return ids
