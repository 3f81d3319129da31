"""Add a whole new subtree of pages in a few statements (provisioning's scaffolding).

Treebeard's `add_child` plus Wagtail's `Page.save` cost about twenty statements per page (last
child, validation queries, the insert into each table of the page type, the parent's numchild
update), so the 21-page catalog tree every organisation gets dominated provisioning. The pages
written here get exactly what `add_child` would give them (path, depth, numchild, url_path,
locale, draft title, content type, translation key) and the same `pre_save`/`post_save`
signals (reference index, search index, cache purges), with one INSERT per table.
"""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F
from django.db.models.signals import post_save, pre_save
from wagtail.models import Page

# A subtree: pages, each with the subtree of its own children.
Subtree = Sequence[tuple[Page, "Subtree"]]


@transaction.atomic
def add_subtree(parent: Page, nodes: Subtree) -> list[Page]:
    """Insert the new pages of `nodes` under `parent`, after its existing children.

    For scaffolding built from constants: field values are not validated (`full_clean`), only
    the slugs, which must not clash with `parent`'s existing children or with each other.
    Returns the pages written, parents before their children.
    """
    _check_slugs(parent, nodes)
    last = parent.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    pages = []
    _place(parent, nodes, first_step, pages)
    using = parent._state.db or DEFAULT_DB_ALIAS
    for page in pages:
        pre_save.send(sender=type(page), instance=page, raw=False, using=using, update_fields=None)
    _insert(pages, using)
    Page.objects.filter(path=parent.path).update(numchild=F("numchild") + len(nodes))
    parent.numchild += len(nodes)  # as add_child does for the parent held in memory
    for page in pages:
        post_save.send(
            sender=type(page),
            instance=page,
            created=True,
            update_fields=None,
            raw=False,
            using=using,
        )
    return pages


def _check_slugs(parent: Page, nodes: Subtree) -> None:
    slugs = [page.slug for page, _children in nodes]
    taken = set(parent.get_children().filter(slug__in=slugs).values_list("slug", flat=True))
    for page, children in nodes:
        if page.slug in taken:
            raise ValidationError({"slug": f"网址名称“{page.slug}”已被同级页面使用。"})
        taken.add(page.slug)
        _check_new_siblings(children)


def _check_new_siblings(nodes: Subtree) -> None:
    slugs = [page.slug for page, _children in nodes]
    if len(set(slugs)) != len(slugs):
        raise ValidationError({"slug": "同一上级页面下的网址名称不能重复。"})
    for _page, children in nodes:
        _check_new_siblings(children)


def _place(parent: Page, nodes: Subtree, first_step: int, pages: list) -> None:
    """Give each page the tree fields add_child and Page.save would, depth first."""
    for offset, (page, children) in enumerate(nodes):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, first_step + offset)
        page.numchild = len(children)
        page.locale_id = parent.locale_id
        page.draft_title = page.draft_title or page.title
        page.set_url_path(parent)
        page._cached_parent_obj = parent
        pages.append(page)
        _place(page, children, 1, pages)


def _insert(pages: list[Page], using: str) -> None:
    """One INSERT for the page table and one per table of each page type (multi-table)."""
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = [Page(**{f.attname: getattr(page, f.attname) for f in base_fields}) for page in pages]
    Page.objects.using(using).bulk_create(rows)
    by_table = {}
    for page, row in zip(pages, rows, strict=True):
        page.pk = row.pk
        for model in [*reversed(page._meta.get_parent_list()), type(page)]:
            for field in model._meta.parents.values():
                setattr(page, field.attname, row.pk)
            if model is not Page:
                by_table.setdefault(model, []).append(page)
        page._state.adding = False
        page._state.db = using
    connection = connections[using]
    with connection.cursor() as cursor:
        for model, rows_of_model in by_table.items():
            fields = model._meta.local_concrete_fields
            columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} "
                f"({columns}) VALUES ({marks})",
                [
                    [f.get_db_prep_save(getattr(p, f.attname), connection) for f in fields]
                    for p in rows_of_model
                ],
            )
