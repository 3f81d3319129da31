"""Benchmark: index N synthetic Chinese items, then time faceted queries (p50/p95)."""

import random
import statistics
import time
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from search.backends.database import DatabaseBackend
from search.models import SearchEntry
from search.query import parse
from search.registry import SearchRecord

BENCH_TYPE = "bench"
WORDS = str.split(
    "营商环境 政务服务 重大项目 财政预算 乡村振兴 防汛抗旱 森林防火 公开招聘 价格监测 天然气 "
    "医疗保障 社会保险 城市更新 生态环境 大气污染 耕地保护 农田水利 交通运输 教育 卫生健康 "
    "住房保障 养老服务 就业创业 科技创新 招商引资 安全生产 应急管理 市场监管 知识产权 文化旅游 "
    "实施方案 管理办法 实施细则 工作规范 通知 公告 意见 决定 报告 解读 补贴 资金 项目 审批 "
    "备案 许可 监督检查 考核 绩效 改革 试点 推进 落实 部署 开展 加强 规范 优化 提升"
)
ORGANISATIONS = [f"云溪市{name}" for name in str.split(
    "人民政府 发展和改革委员会 财政局 行政审批服务局 教育局 卫生健康委员会 生态环境局 "
    "住房和城乡建设局 交通运输局 农业农村局 水利局 应急管理局 市场监督管理局 人力资源和社会保障局"
)]  # fmt: skip
TOPICS = [
    "综合政务",
    "国民经济管理",
    "财政金融",
    "农业林业水利",
    "城乡建设",
    "卫生体育",
    "劳动人事",
]
GENRES = ["通知", "公告", "意见", "办法", "决定", "报告"]
FIVE_PUBLICS = ["决策公开", "执行公开", "管理公开", "服务公开", "结果公开"]
VALIDITY = ["有效", "失效", "废止"]


def synthetic_record(rng: random.Random, number: int) -> SearchRecord:
    words = rng.sample(WORDS, 4)
    year = rng.randint(2015, 2026)
    published = timezone.make_aware(timezone.datetime(year, rng.randint(1, 12), rng.randint(1, 28)))
    organisation = rng.choice(ORGANISATIONS)
    body = "。".join("".join(rng.choices(WORDS, k=12)) for _ in range(8))
    return SearchRecord(
        key=f"{BENCH_TYPE}:{number}",
        content_type=BENCH_TYPE,
        title=f"{organisation}关于{words[0]}{words[1]}{words[2]}的{rng.choice(GENRES)}",
        body=body,
        summary=body[:80],
        url=f"/bench/{number}/",
        organisation=organisation,
        scope_path="0001",
        published=published,
        document_number=f"云{rng.choice(['政办发', '财规', '发改'])}〔{year}〕{rng.randint(1, 99)}号",
        topic=rng.choice(TOPICS),
        genre=rng.choice(GENRES),
        five_publics=rng.choice(FIVE_PUBLICS),
        validity=rng.choice(VALIDITY),
    )


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = (
        "检索性能基准：生成 N 条合成中文条目并建索引，报告索引吞吐量与带分面查询的 p50/p95 延迟。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, required=True)
        parser.add_argument("--backend", choices=["database", "elasticsearch"], default="database")
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--keep", action="store_true", help="保留生成的条目")

    def handle(self, *args, items, backend, queries, seed, keep, **options):
        rng = random.Random(seed)
        if backend == "elasticsearch":
            from search.service import elastic_available, elastic_client

            if not elastic_available():
                raise CommandError("Elasticsearch 不可用（检查 ELASTICSEARCH_URL）。")
            runner = _ElasticBench(elastic_client())
        else:
            runner = _DatabaseBench()
        try:
            started = time.perf_counter()
            with tqdm(total=items, desc="索引") as bar:
                for start in range(0, items, 1000):
                    batch = [
                        SearchEntry(
                            key=f"{BENCH_TYPE}:{n}",
                            indexed_at=timezone.now(),
                            **SearchEntry.values_from_record(synthetic_record(rng, n)),
                        )
                        for n in range(start, min(items, start + 1000))
                    ]
                    runner.write(batch)
                    bar.update(len(batch))
            runner.finish()
            elapsed = time.perf_counter() - started
            latencies, hits = [], 0
            for _ in tqdm(range(queries), desc="查询"):
                raw = " ".join(rng.sample(WORDS, rng.choice([1, 1, 2])))
                filters = {"content_type": BENCH_TYPE}
                if rng.random() < 0.3:
                    filters["topic"] = rng.choice(TOPICS)
                query = parse(raw, [], filters=filters, sort=rng.choice(["relevance", "date"]))
                began = time.perf_counter()
                results = runner.search(query)
                latencies.append((time.perf_counter() - began) * 1000)
                hits += results.total
                assert results.facets["organisation"] or not results.total
        finally:
            if not keep:
                runner.cleanup()
        self.stdout.write(
            f"后端 {backend}：{items} 条，索引耗时 {elapsed:.1f} 秒，吞吐量 {items / elapsed:.0f} 条/秒\n"
            f"查询 {queries} 次（含 7 个分面）：p50 {percentile(latencies, 0.5):.1f} ms，"
            f"p95 {percentile(latencies, 0.95):.1f} ms，平均 {statistics.mean(latencies):.1f} ms，"
            f"平均命中 {hits / queries:.0f} 条"
        )


class _DatabaseBench:
    def __init__(self):
        SearchEntry.objects.filter(content_type=BENCH_TYPE).delete()
        self.backend = DatabaseBackend()

    def write(self, batch):
        SearchEntry.objects.bulk_create(batch)

    def finish(self):
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE search_searchentry")

    def search(self, query):
        return self.backend.search(query)

    def cleanup(self):
        SearchEntry.objects.filter(content_type=BENCH_TYPE).delete()


class _ElasticBench:
    def __init__(self, client):
        from django.conf import settings

        from search.backends.elastic import ElasticsearchBackend
        from search.documents import SearchDocument

        self.client = client
        self.index = f"{settings.SEARCH_INDEX_PREFIX}-{BENCH_TYPE}-{uuid.uuid4().hex[:8]}"
        SearchDocument.init(index=self.index, using=client)
        client.indices.put_settings(index=self.index, settings={"refresh_interval": "-1"})
        self.backend = ElasticsearchBackend(client)
        self.backend.indices = lambda: self.index

    def write(self, batch):
        from elasticsearch.helpers import bulk

        from search.documents import SearchDocument

        actions = [
            SearchDocument.from_entry(e).to_dict(include_meta=True) | {"_index": self.index}
            for e in batch
        ]
        bulk(self.client, actions, chunk_size=1000, raise_on_error=True)

    def finish(self):
        self.client.indices.put_settings(index=self.index, settings={"refresh_interval": "1s"})
        self.client.indices.refresh(index=self.index)

    def search(self, query):
        return self.backend.search(query)

    def cleanup(self):
        self.client.indices.delete(index=self.index, ignore_unavailable=True)
