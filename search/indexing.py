"""Whole-index operations: create indexes behind aliases, rebuild with no downtime, repair drift."""

import itertools
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext

from django.db import transaction
from django.utils import timezone

from . import registry
from .documents import alias_name, new_index_name
from .engine import elastic_client, index_action
from .models import SearchEntry
from .service import index_keys

CHUNK = 500


def live_records(source, pool=None):
    """Yield (key, column values) for every public object of `source`; with a process `pool`,
    the text is segmented in its worker processes (jieba is most of a rebuild's time)."""
    records = (source.record(obj) for obj in source.queryset().iterator(chunk_size=CHUNK))
    if pool is None:
        for record in records:
            yield record.key, SearchEntry.values_from_record(record)
        return
    while chunk := list(itertools.islice(records, CHUNK * 4)):
        values = pool.map(SearchEntry.values_from_record, chunk, chunksize=50)
        yield from zip((record.key for record in chunk), values, strict=True)


def segmenting_pool(workers: int):
    """A pool of `workers` forked processes for live_records (none for one worker)."""
    if workers <= 1:
        return nullcontext()
    # Forked children inherit the loaded jieba dictionary and never touch the database.
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))


@registry.remembered_owners()
def rebuild_database(progress=lambda n: None, labels=None, workers=1) -> dict:
    """Make the database records match the content exactly (insert, update, delete);
    only the content types named in `labels` when given; text segmented by `workers`
    processes."""
    with segmenting_pool(workers) as pool:
        return _rebuild_database(progress, labels, pool)


def _rebuild_database(progress, labels, pool) -> dict:
    counts = {"indexed": 0, "removed": 0}
    for source in _selected(labels):
        seen = set()
        existing = dict(
            SearchEntry.objects.filter(content_type=source.label).values_list("key", "id")
        )
        batch_new, batch_old = [], []
        for key, values in live_records(source, pool):
            seen.add(key)
            if key in existing:
                batch_old.append(SearchEntry(id=existing[key], key=key, **values))
            else:
                batch_new.append(SearchEntry(key=key, **values))
            if len(batch_new) + len(batch_old) >= CHUNK:
                counts["indexed"] += _flush(batch_new, batch_old)
                progress(CHUNK)
                batch_new, batch_old = [], []
        counts["indexed"] += _flush(batch_new, batch_old)
        progress(len(batch_new) + len(batch_old))
        stale = [key for key in existing if key not in seen]
        SearchEntry.objects.filter(key__in=stale).delete()
        counts["removed"] += len(stale)
    return counts


def _flush(new, old) -> int:
    now = timezone.now()
    for entry in new + old:
        entry.indexed_at = now  # bulk operations skip auto_now
    with transaction.atomic():
        SearchEntry.objects.bulk_create(new)
        if old:
            fields = [
                f.name for f in SearchEntry._meta.concrete_fields if f.name not in ("id", "key")
            ]
            SearchEntry.objects.bulk_update(old, fields)
    return len(new) + len(old)


def _selected(labels):
    return [s for s in registry.sources() if labels is None or s.label in labels]


def rebuild_elasticsearch(client=None, progress=lambda n: None, labels=None) -> dict:
    """Index every database record into fresh indexes, then switch the aliases atomically
    and drop the old indexes: searches keep answering from the old ones until the switch."""
    client = (client or elastic_client()).options(request_timeout=120)  # a bulk load, not a search
    counts = {}
    for source in _selected(labels):
        alias, index = alias_name(source.label), new_index_name(source.label)
        source.document.init(index=index, using=client)
        client.indices.put_settings(index=index, settings={"refresh_interval": "-1"})
        entries = SearchEntry.objects.filter(content_type=source.label).iterator(chunk_size=CHUNK)

        sent, batch = 0, []
        for entry in entries:  # read here: a Django connection belongs to its thread
            batch.append(index_action(entry, index=index))
            progress(1)
            if len(batch) >= 5 * CHUNK:
                sent, batch = sent + _send(client, batch), []
        sent += _send(client, batch)
        client.indices.put_settings(index=index, settings={"refresh_interval": "1s"})
        client.indices.refresh(index=index)
        old = (
            list(client.indices.get_alias(name=alias, ignore_unavailable=True))
            if (client.indices.exists_alias(name=alias))
            else []
        )
        if client.indices.exists(index=alias) and not old:
            client.indices.delete(index=alias)  # a concrete index squatting on the alias name
        client.indices.update_aliases(
            actions=[{"remove": {"index": name, "alias": alias}} for name in old]
            + [{"add": {"index": index, "alias": alias}}]
        )
        for name in old:
            client.indices.delete(index=name)
        counts[source.label] = sent
    return counts


def _send(client, actions: list) -> int:
    """Bulk-send prepared actions, two requests in flight (one per thread)."""
    from elasticsearch.helpers import parallel_bulk

    results = parallel_bulk(client, actions, thread_count=2, chunk_size=CHUNK, raise_on_error=True)
    return sum(1 for ok, _info in results if ok)


@registry.remembered_owners()
def check(repair=False, client=None) -> dict:
    """Compare content, database records and the Elasticsearch indexes; optionally repair."""
    report = {"missing": [], "stale": [], "extra": [], "es_missing": [], "es_extra": []}
    fields = ("title", "url", "scope_path", "published", "organisation", "summary")
    for source in registry.sources():
        stored = {
            e.key: e
            for e in SearchEntry.objects.filter(content_type=source.label).only("key", *fields)
        }
        live = set()
        for key, values in live_records(source):
            live.add(key)
            entry = stored.get(key)
            if entry is None:
                report["missing"].append(key)
            elif any(getattr(entry, f) != values[f] for f in fields):
                report["stale"].append(key)
        report["extra"] += [key for key in stored if key not in live]
    client = elastic_client() if client is None else client
    if client:
        from elasticsearch.helpers import scan

        db_keys = set(SearchEntry.objects.values_list("key", flat=True))
        es_keys = set()
        for source in registry.sources():
            alias = alias_name(source.label)
            if client.indices.exists_alias(name=alias):
                es_keys |= {h["_id"] for h in scan(client, index=alias, _source=False)}
        report["es_missing"] = sorted(db_keys - es_keys)
        report["es_extra"] = sorted(es_keys - db_keys)
    if repair:
        to_fix = set(report["missing"] + report["stale"] + report["extra"])
        to_fix |= set(report["es_missing"] + report["es_extra"])
        for start in range(0, len(to_fix), CHUNK):
            index_keys(sorted(to_fix)[start : start + CHUNK])
    return report
