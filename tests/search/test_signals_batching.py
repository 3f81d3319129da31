"""Indexing is queued per transaction and survives rolled-back transactions."""

import pytest
from django.db import transaction

from search import signals
from search.models import SearchEntry

from .helpers import make_article

pytestmark = pytest.mark.backends


def test_a_rolled_back_transaction_does_not_block_later_indexing(small_cluster, indexed):
    try:
        with transaction.atomic():
            make_article(small_cluster["news"], "rolled-back", title="回滚的文章")
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    with indexed():
        make_article(small_cluster["news"], "kept", title="保留的文章")
    titles = set(SearchEntry.objects.values_list("title", flat=True))
    assert "保留的文章" in titles and "回滚的文章" not in titles


def test_one_task_per_transaction(small_cluster, indexed):
    with indexed() as callbacks:
        make_article(small_cluster["news"], "one", title="第一篇")
        make_article(small_cluster["news"], "two", title="第二篇")
    # Other apps (the page cache) register their own on-commit work; count the index flushes.
    flushes = [c for c in callbacks if getattr(c, "func", None) is signals._flush]
    assert len(flushes) == 1
    assert {"第一篇", "第二篇"} <= set(SearchEntry.objects.values_list("title", flat=True))
