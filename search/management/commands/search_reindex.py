"""Rebuild the search records and, when configured, new Elasticsearch indexes behind the aliases."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import indexing, registry
from search.models import SearchEntry
from search.service import elastic_available, elastic_client


class Command(BaseCommand):
    help = (
        "重建搜索索引：先更新数据库检索记录，再建新的 Elasticsearch 索引并切换别名（不中断检索）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, no_progress=False, **options):
        total = sum(source.queryset().count() for source in registry.sources())
        with tqdm(total=total, desc="数据库检索记录", disable=no_progress) as bar:
            counts = indexing.rebuild_database(progress=bar.update)
        self.stdout.write(f"数据库：写入 {counts['indexed']} 条，删除 {counts['removed']} 条")
        if elastic_client() is None:
            self.stdout.write("未配置 ELASTICSEARCH_URL，仅使用数据库检索。")
            return
        if not elastic_available():
            self.stderr.write("Elasticsearch 不可用，已跳过；节点恢复后请重新运行本命令。")
            return
        with tqdm(
            total=SearchEntry.objects.count(), desc="Elasticsearch", disable=no_progress
        ) as bar:
            sent = indexing.rebuild_elasticsearch(progress=bar.update)
        for label, count in sent.items():
            self.stdout.write(f"Elasticsearch：{label} 索引 {count} 条，别名已切换")
