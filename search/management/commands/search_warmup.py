"""Warm Elasticsearch up after a restart: ask it the most frequent searches (search.warmup)."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import warmup
from search.engine import elastic_available, elastic_client


class Command(BaseCommand):
    help = "Elasticsearch 重启后预热：按检索记录中最常见的检索词（含分面）各查询一次。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--queries", type=int, default=warmup.DEFAULT_QUERIES, help="预热的检索词个数"
        )
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, queries, no_progress=False, **options):
        if elastic_client() is None:
            self.stdout.write("未配置 Elasticsearch（使用数据库检索），无需预热。")
            return
        if not elastic_available():
            raise CommandError("Elasticsearch 不可用（检查 ELASTICSEARCH_URL），未预热。")
        with tqdm(desc="预热检索", unit="次", disable=no_progress) as progress:
            report = warmup.warm_up(elastic_client(), queries, on_search=progress.update)
        self.stdout.write(
            f"已预热 {len(report.queries)} 个检索词、{report.searches} 次检索"
            f"（其中分面筛选 {report.filtered} 次，失败 {report.failed} 次）："
            f"首次 {report.first_ms:.0f} ms，末次 {report.last_ms:.0f} ms。"
        )
