"""Warming Elasticsearch up after it (re)starts, before citizens' searches pay for it.

A node that has just started answers its first faceted searches several times slower than a
warm one: its query code is not yet compiled by the JVM, and the doc values and ordinals the
facets read are not yet in memory. (At a million items the first searches after a restart
took about three times their usual p95.) Elasticsearch no longer has warmers of its own, so
the cluster asks the node what its visitors ask most: the most frequent logged queries
(`QueryLog`), each once by relevance and once by date, with every facet, exactly as the public
search sends them (the same backend), the most asked also narrowed by their facets' top
values. When the log is young, words of the newest indexed titles fill the list.

It runs from `manage.py search_warmup` (the stack runs it after starting; a deployment runs it
after restarting Elasticsearch) and, as a task, whenever the application sees the node answer
again after an outage (`search.engine.on_recovery`). It only reads: nothing is logged.
"""

import dataclasses
import time
from collections import Counter

from . import text
from .models import QueryLog, SearchEntry
from .query import parse

DEFAULT_QUERIES = 60
SORTS = ("relevance", "date")
FILTERED_QUERIES = 10  # of the warm-up queries, the most asked are also narrowed by facets
FACET_VALUES = 3
TITLES_SAMPLED = 500  # newest records whose title words stand in for a young query log


@dataclasses.dataclass
class WarmUp:
    """What a warm-up asked and how long the node took for the first and last searches."""

    queries: list[str]
    searches: int = 0
    filtered: int = 0  # of the searches, those narrowed by a facet value
    first_ms: float = 0.0
    last_ms: float = 0.0
    failed: int = 0


def warmup_queries(count: int = DEFAULT_QUERIES) -> list[str]:
    """The `count` query texts to ask: most-asked logged queries that found something first,
    then the commonest words of the newest indexed titles."""
    queries = list(
        QueryLog.objects.filter(last_hits__gt=0)
        .order_by("-count", "query")
        .values_list("query", flat=True)[:count]
    )
    if len(queries) < count:
        words = Counter()
        titles = SearchEntry.objects.order_by("-published").values_list("title", flat=True)
        for title in titles[:TITLES_SAMPLED]:
            words.update(token for token in text.query_tokens(title) if len(token) > 1)
        for word, _seen in words.most_common():
            if len(queries) >= count:
                break
            if word not in queries:
                queries.append(word)
    return queries


def warm_up(client, count: int = DEFAULT_QUERIES, on_search=None) -> WarmUp:
    """Ask the node (`client`) the warm-up queries, each by relevance and by date, with facets;
    the first FILTERED_QUERIES of them also narrowed by the top FACET_VALUES values of each
    facet, as visitors click them (filters build their own caches on the node).

    A failing search is counted, not raised: a warm-up must never stop the stack from starting.
    `on_search()` is called after each search (progress)."""
    from .backends.elastic import ElasticsearchBackend
    from .service import synonym_groups

    backend = ElasticsearchBackend(client)
    groups = synonym_groups()
    report = WarmUp(queries=warmup_queries(count))

    def ask(query_text, **options):
        began, results = time.perf_counter(), None
        try:
            results = backend.search(parse(query_text, groups, **options))
        except Exception:  # noqa: BLE001 - the node may be starting; later searches tell
            report.failed += 1
        elapsed = (time.perf_counter() - began) * 1000
        if not report.searches:
            report.first_ms = elapsed
        report.last_ms = elapsed
        report.searches += 1
        if on_search is not None:
            on_search()
        return results

    for position, query_text in enumerate(report.queries):
        results = [ask(query_text, sort=sort) for sort in SORTS][0]
        if position >= FILTERED_QUERIES or results is None:
            continue
        for field, buckets in results.facets.items():
            for value, _documents in buckets[:FACET_VALUES]:
                ask(query_text, filters={field: value})
                report.filtered += 1
    return report
