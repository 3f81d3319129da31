"""Keep the search records current: publish/unpublish/delete of registered page types, moves,
and saves of other registered models queue their keys, sent as one batched task when the
transaction commits. Signals are connected per registered model (`connect_source`)."""

import functools
import logging
import threading

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import registry
from .models import PinnedResult, SynonymGroup
from .service import PINNED_CACHE_KEY, SYNONYM_CACHE_KEY

logger = logging.getLogger(__name__)
_pending = threading.local()


def queue_keys(keys):
    """Index `keys` after the current transaction commits (one task per transaction)."""
    keys = [k for k in keys if k]
    if not keys:
        return
    if getattr(_pending, "keys", None) and _callback_is_registered():
        _pending.keys.update(keys)
        return
    # First keys of this transaction, or the previous one rolled back (its callback is gone).
    _pending.keys = set(keys)
    _pending.callback = functools.partial(_flush)  # a new object to recognise this registration
    transaction.on_commit(_pending.callback)  # runs at once outside a transaction


def _callback_is_registered() -> bool:
    connection = transaction.get_connection()
    current = getattr(_pending, "callback", None)
    return any(callback is current for _sids, callback, _robust in connection.run_on_commit)


def _flush():
    from .tasks import enqueue

    keys, _pending.keys = getattr(_pending, "keys", set()), set()
    try:
        enqueue(keys)
    except Exception as error:  # broker (Redis) unreachable: the change is committed already
        from .service import remember

        logger.warning("Indexing of %d keys waits in the backlog: %s", len(keys), error)
        remember(keys)  # search.tasks.flush_backlog indexes them when Celery runs again


def keys_for(obj) -> list[str]:
    source = registry.source_for(obj)
    return [source.key_for(obj)] if source is not None else []


def page_and_descendant_keys(page) -> list[str]:
    keys = []
    for descendant in Page.objects.descendant_of(page, inclusive=True).iterator():
        keys += keys_for(descendant)
    return keys


def on_page_changed(sender, instance, **kwargs):
    queue_keys(keys_for(instance))


def on_page_moved(sender, instance, **kwargs):
    queue_keys(page_and_descendant_keys(instance))


def on_view_restriction_changed(sender, instance, **kwargs):
    """A page behind a password or login is not public: its subtree joins or leaves the index."""
    if not kwargs.get("raw"):
        queue_keys(page_and_descendant_keys(instance.page))


def on_model_saved(sender, instance, **kwargs):
    """Registered non-page models (approval notices, replies...) are indexed on every save.

    Raw saves (fixture loading, test database restores) are skipped: the rows are not complete
    objects yet, and `search_reindex` rebuilds the index after a bulk load.
    """
    if not kwargs.get("raw"):
        queue_keys(keys_for(instance))


def on_deleted(sender, instance, **kwargs):
    queue_keys(keys_for(instance))


def on_synonyms_changed(sender, instance, **kwargs):
    cache.delete(SYNONYM_CACHE_KEY)


def on_pins_changed(sender, instance, **kwargs):
    cache.delete(PINNED_CACHE_KEY)


def connect_source(source):
    """Listen to the changes of one registered model only: pages when published, unpublished
    or deleted, other models on every save and delete. Nothing else pays for the search."""
    model, label = source.model, source.label
    if issubclass(model, Page):
        page_published.connect(on_page_changed, sender=model, dispatch_uid=f"search_pub_{label}")
        page_unpublished.connect(
            on_page_changed, sender=model, dispatch_uid=f"search_unpub_{label}"
        )
    else:
        post_save.connect(on_model_saved, sender=model, dispatch_uid=f"search_save_{label}")
    post_delete.connect(on_deleted, sender=model, dispatch_uid=f"search_delete_{label}")


def connect():
    registry.on_register(connect_source)
    # A moved page or a changed view restriction affects the pages below it, whatever its type.
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    for signal in (post_save, post_delete):
        signal.connect(
            on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search_view_restriction_{signal is post_save}",
        )
        signal.connect(
            on_synonyms_changed,
            sender=SynonymGroup,
            dispatch_uid=f"search_synonyms_{signal is post_save}",
        )
        signal.connect(
            on_pins_changed,
            sender=PinnedResult,
            dispatch_uid=f"search_pins_{signal is post_save}",
        )
