"""Purges: which content changes invalidate which cached pages (see dependencies.py for tags)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import store
from .dependencies import (
    SITES_TAG,
    object_change_tags,
    page_change_tags,
    site_tags_for_path,
    tracked_models,
)

# Fields a draft save or an edit lock writes: they change nothing the public sees.
DRAFT_FIELDS = {
    "comments",
    "wagtail_admin_comments",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def purge_page(page) -> None:
    """The page itself, every list it appears in, and the pages it interprets or links to."""
    store.purge(page_change_tags(page))


def _published(sender, instance, **kwargs):
    purge_page(instance)


def _page_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    """Live pages saved without a publish (e.g. catalog nodes created live by provisioning)."""
    if raw or not instance.live or (update_fields and set(update_fields) <= DRAFT_FIELDS):
        return
    purge_page(instance)


def _page_deleted(sender, instance, **kwargs):
    purge_page(instance)


def _structure_changed(sender, instance, **kwargs):
    """A move or a new slug changes the address of a whole subtree: purge the sites involved."""
    tags = site_tags_for_path(instance.path)
    if before := kwargs.get("parent_page_before"):
        tags |= site_tags_for_path(before.path)
    store.purge(tags | page_change_tags(instance))


def _restriction_changed(sender, instance, **kwargs):
    """A page (and its subtree) became private or public again: purge its sites."""
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path is not None:  # None: the page itself is being deleted, which purges on its own
        store.purge(site_tags_for_path(path))


def _site_changed(sender, instance, **kwargs):
    """The site's pages, and links to them from anywhere (their absolute addresses)."""
    store.purge({f"site:{instance.pk}", SITES_TAG})


def _site_settings_changed(sender, instance, **kwargs):
    """Footer identifiers and theme appear on every page of the site."""
    store.purge({f"site:{instance.site_id}"} | object_change_tags(instance))


def _object_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        store.purge(object_change_tags(instance))


def _column_entry_changed(sender, instance, raw=False, **kwargs):
    """A page shown in (or removed from) a column by reference, e.g. an accepted submission."""
    if not raw:
        store.purge({f"children:{instance.column_id}", f"page:{instance.page_id}"})


def connect() -> None:
    from cluster.models import ColumnEntry, SiteSettings

    page_published.connect(_published, dispatch_uid="pagecache-published")
    page_unpublished.connect(_published, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_structure_changed, dispatch_uid="pagecache-moved")
    page_slug_changed.connect(_structure_changed, dispatch_uid="pagecache-slug")
    for model in {Page, *get_page_models()}:
        post_save.connect(_page_saved, sender=model, dispatch_uid=f"pagecache-saved-{model._meta}")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="pagecache-page-deleted")
    for signal in (post_save, post_delete):
        signal.connect(_restriction_changed, sender=PageViewRestriction, weak=False)
        signal.connect(_site_changed, sender=Site, weak=False)
        signal.connect(_site_settings_changed, sender=SiteSettings, weak=False)
        signal.connect(_column_entry_changed, sender=ColumnEntry, weak=False)
        for model in tracked_models():
            if model is not SiteSettings:
                signal.connect(_object_changed, sender=model, weak=False)
