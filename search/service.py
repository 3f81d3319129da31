"""The one entry point for searching and keeping the records current, whichever backend answers.

Elasticsearch answers when ELASTICSEARCH_URL is set and the node is healthy; otherwise (or when a
query fails) the database backend answers and the results say so. A circuit breaker keeps a dead
node from slowing every request (`search.engine`): after a failure the node is not asked again
for SEARCH_BREAKER_SECONDS. The database records are always kept up to date; Elasticsearch writes
that fail are kept in IndexBacklog and replayed when the node returns.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.utils import timezone

from . import registry
from .backends.database import DatabaseBackend
from .engine import (
    elastic_available,
    elastic_client,
    ensure_indices_once,
    index_action,
    source_alias,
    trip_breaker,
)
from .models import IndexBacklog, PinnedResult, QueryLog, SearchEntry, SynonymGroup
from .query import SearchResults, parse

logger = logging.getLogger(__name__)

SYNONYM_CACHE_KEY = "search:synonyms"
PINNED_CACHE_KEY = "search:pinned-queries"


# Searching -----------------------------------------------------------------------------------


def synonym_groups() -> list[list[str]]:
    groups = cache.get(SYNONYM_CACHE_KEY)
    if groups is None:
        groups = [group.term_list() for group in SynonymGroup.objects.all()]
        groups = [group for group in groups if len(group) > 1]
        cache.set(SYNONYM_CACHE_KEY, groups, 300)
    return groups


def search(raw_query: str, **options) -> SearchResults:
    """Search the cluster; options are SearchQuery fields (filters, scope_path, sort, page...)."""
    query = parse(raw_query, synonym_groups(), **options)
    results = None
    if elastic_client() is not None:
        if elastic_available():
            from .backends.elastic import ElasticsearchBackend

            try:
                results = ElasticsearchBackend(elastic_client()).search(query)
            except Exception as error:
                trip_breaker(error)
        if results is None:
            results = DatabaseBackend().search(query)
            results.degraded = True
    else:
        results = DatabaseBackend().search(query)
    if query.page == 1 and not query.filters:
        _add_pinned(results)
    return results


def pinned_queries() -> set[str]:
    """The query texts editors pinned results for (cached; cleared when a pin changes)."""
    queries = cache.get(PINNED_CACHE_KEY)
    if queries is None:
        queries = set(PinnedResult.objects.values_list("query", flat=True))
        cache.set(PINNED_CACHE_KEY, queries, 300)
    return queries


def _add_pinned(results: SearchResults):
    """Put the editors' pinned results for this query first (only those in scope)."""
    from .backends.database import apply_filters, hit_from_entry

    if results.query.text not in pinned_queries():
        return  # most queries have no pins: no query for them
    pins = PinnedResult.objects.filter(query=results.query.text).select_related("page")
    keys = []
    for pin in pins:
        source = registry.source_for(pin.page)
        if source is not None:
            keys.append(source.key_for(pin.page))
    if not keys:
        return
    entries = {
        e.key: e for e in apply_filters(SearchEntry.objects.filter(key__in=keys), results.query)
    }
    pinned = []
    for key in keys:
        if key in entries:
            hit = hit_from_entry(entries[key])
            hit.pinned = True
            pinned.append(hit)
    pinned_keys = {hit.key for hit in pinned}
    rest = [hit for hit in results.hits if hit.key not in pinned_keys]
    results.hits = (pinned + rest)[: results.query.per_page]
    results.total = max(results.total, len(pinned))


def log_query(query_text: str, hits: int):
    """Count a query for the editors' popular and zero-result reports: one upsert, since every
    search asks it (a read and an update before, on the hot path)."""
    if not query_text:
        return
    using = router.db_for_write(QueryLog)
    connection = connections[using]
    table = connection.ops.quote_name(QueryLog._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (query, count, zero_result_count, last_hits, last_searched) "
            "VALUES (%s, 1, %s, %s, %s) ON CONFLICT (query) DO UPDATE SET "
            f"count = {table}.count + 1, "
            f"zero_result_count = {table}.zero_result_count + excluded.zero_result_count, "
            "last_hits = excluded.last_hits, last_searched = excluded.last_searched",
            [query_text, 0 if hits else 1, hits, now],
        )


# Indexing ------------------------------------------------------------------------------------


def key_parts(key: str):
    label, _sep, pk = key.partition(":")
    return registry.source(label), pk


def index_keys(keys) -> dict:
    """Bring the records of `keys` up to date: index public objects, drop the others.
    Idempotent; safe to call again for the same keys."""
    written, removed = [], []
    for key in dict.fromkeys(keys):
        source, pk = key_parts(key)
        obj = source.get(pk) if source is not None and pk else None
        if obj is None:
            SearchEntry.objects.filter(key=key).delete()
            removed.append(key)
            continue
        values = SearchEntry.values_from_record(source.record(obj))
        SearchEntry.objects.update_or_create(key=key, defaults=values)
        written.append(key)
    sync_elasticsearch(written, removed)
    return {"indexed": len(written), "removed": len(removed)}


def sync_elasticsearch(written, removed):
    """Copy database records to Elasticsearch; on failure keep the keys for later."""
    client = elastic_client()
    if client is None or not (written or removed):
        return
    if not elastic_available():
        remember(written + removed)
        return
    from elasticsearch.helpers import bulk

    entries = SearchEntry.objects.filter(key__in=written)
    try:
        ensure_indices_once(client)
    except Exception as error:
        trip_breaker(error)
        remember(written + removed)
        return
    actions = [index_action(entry) for entry in entries]
    for key in removed:
        source, _pk = key_parts(key)
        if source is not None:
            actions.append({"_op_type": "delete", "_index": source_alias(source), "_id": key})
    try:
        bulk(
            client,
            actions,
            raise_on_error=False,
            refresh=getattr(settings, "SEARCH_REFRESH", False),
        )
    except Exception as error:
        trip_breaker(error)
        remember(written + removed)
        return
    IndexBacklog.objects.filter(key__in=written + removed).delete()


def remember(keys):
    """Keep `keys` in the backlog: their indexing task could not be queued or reach the node."""
    for key in keys:
        IndexBacklog.objects.get_or_create(key=key)


def flush_backlog(batch=500) -> int:
    """Index the backlog's keys again (database record and Elasticsearch): writes missed while
    the node was down, or whose task could not be queued while the broker was. Returns how many
    keys were replayed."""
    client = elastic_client()
    if client is not None and not elastic_available():
        return 0
    keys = list(IndexBacklog.objects.order_by("id").values_list("key", flat=True)[:batch])
    if keys:
        index_keys(keys)  # clears the keys once Elasticsearch has them
        if client is None:
            IndexBacklog.objects.filter(key__in=keys).delete()
    return len(keys)
