"""Rebuild the search records and, when configured, new Elasticsearch indexes behind the aliases."""

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import indexing, registry
from search.engine import elastic_available, elastic_client
from search.models import SearchEntry


class Command(BaseCommand):
    help = (
        "重建搜索索引：先更新数据库检索记录，再建新的 Elasticsearch 索引并切换别名（不中断检索）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
        parser.add_argument(
            "--type",
            action="append",
            dest="labels",
            choices=[source.label for source in registry.sources()],
            help="只重建这种内容类型（可重复；默认全部）",
        )
        parser.add_argument(
            "--workers", type=int, default=1, help="分词进程数（多核服务器上重建更快；默认 1）"
        )

    def handle(self, *args, no_progress=False, labels=None, workers=1, **options):
        started = time.perf_counter()
        sources = [s for s in registry.sources() if labels is None or s.label in labels]
        total = sum(source.queryset().count() for source in sources)
        with tqdm(total=total, desc="数据库检索记录", disable=no_progress) as bar:
            counts = indexing.rebuild_database(progress=bar.update, labels=labels, workers=workers)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"数据库检索记录：{total} 条，{elapsed:.0f} 秒（{total / max(elapsed, 0.001):.0f} 条/秒）"
        )
        self.stdout.write(f"数据库：写入 {counts['indexed']} 条，删除 {counts['removed']} 条")
        if elastic_client() is None:
            self.stdout.write("未配置 ELASTICSEARCH_URL，仅使用数据库检索。")
            return
        if not elastic_available():
            self.stderr.write("Elasticsearch 不可用，已跳过；节点恢复后请重新运行本命令。")
            return
        entries = SearchEntry.objects.all()
        if labels:
            entries = entries.filter(content_type__in=labels)
        started = time.perf_counter()
        with tqdm(total=entries.count(), desc="Elasticsearch", disable=no_progress) as bar:
            sent = indexing.rebuild_elasticsearch(progress=bar.update, labels=labels)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Elasticsearch：{sum(sent.values())} 条，{elapsed:.0f} 秒"
            f"（{sum(sent.values()) / max(elapsed, 0.001):.0f} 条/秒）"
        )
        for label, count in sent.items():
            self.stdout.write(f"Elasticsearch：{label} 索引 {count} 条，别名已切换")
