"""Benchmark: faceted queries (p50/p95) over the indexed generated data set.

The data comes from `manage.py generate_cluster` and is indexed by `manage.py search_reindex`
(which reports its own throughput); this command only queries.
"""

import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from bench.vocabulary import TOPICS
from search.backends.database import DatabaseBackend
from search.models import SearchEntry
from search.query import FACETS, parse

CONTENT_TYPES = ["disclosure_item", "article", "approval_result"]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def sample_queries(rng: random.Random, count: int) -> list[tuple[str, dict, str]]:
    """(words, facet filters, sort): one or two topic words, 30 % with a content-type filter
    and 30 % with a year, relevance or date order, as people search the cluster."""
    queries = []
    for _ in range(count):
        raw = " ".join(rng.sample(TOPICS, rng.choice([1, 1, 2])))
        filters = {}
        if rng.random() < 0.3:
            filters["content_type"] = rng.choice(CONTENT_TYPES)
        if rng.random() < 0.3:
            filters["year"] = str(rng.randint(2015, 2026))
        queries.append((raw, filters, rng.choice(["relevance", "date"])))
    return queries


class Command(BaseCommand):
    help = "检索性能基准：在已建索引的生成数据上执行带分面的查询，报告 p50/p95 延迟"

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=["database", "elasticsearch"], default="database")
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, backend, queries, seed, **options):
        if backend == "elasticsearch":
            from search.backends.elastic import ElasticsearchBackend
            from search.engine import elastic_available, elastic_client

            if not elastic_available():
                raise CommandError("Elasticsearch 不可用（检查 ELASTICSEARCH_URL）。")
            engine = ElasticsearchBackend(elastic_client())
        else:
            engine = DatabaseBackend()
        indexed = SearchEntry.objects.count()
        if not indexed:
            raise CommandError("没有检索记录：先运行 generate_cluster 和 search_reindex。")
        rng = random.Random(seed)
        planned = sample_queries(rng, queries)
        engine.search(parse(planned[0][0], [], filters=planned[0][1]))  # warm up
        latencies, hits = [], 0
        for raw, filters, sort in tqdm(planned, desc="查询"):
            query = parse(raw, [], filters=filters, sort=sort)
            began = time.perf_counter()
            results = engine.search(query)
            latencies.append((time.perf_counter() - began) * 1000)
            hits += results.total
            if results.total and not results.facets["organisation"]:
                raise CommandError(f"“{raw}”有结果却没有分面计数")
        self.stdout.write(
            f"后端 {backend}：检索记录 {indexed} 条；查询 {queries} 次（含 {len(FACETS)} 个分面）："
            f"p50 {percentile(latencies, 0.5):.1f} ms，p95 {percentile(latencies, 0.95):.1f} ms，"
            f"平均 {statistics.mean(latencies):.1f} ms，平均命中 {hits / queries:.0f} 条"
        )
