"""Compare the content with the search records and the Elasticsearch indexes; repair drift."""

from django.core.management.base import BaseCommand

from search import indexing
from search.engine import elastic_available, elastic_client

LABELS = {
    "missing": "数据库缺少",
    "stale": "数据库过期",
    "extra": "数据库多余",
    "es_missing": "Elasticsearch 缺少",
    "es_extra": "Elasticsearch 多余",
}


class Command(BaseCommand):
    help = "比对内容、数据库检索记录与 Elasticsearch 索引；加 --repair 修复差异。"

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="修复发现的差异")

    def handle(self, *args, repair=False, **options):
        client = elastic_client() if elastic_available() else None
        if elastic_client() is not None and client is None:
            self.stderr.write("Elasticsearch 不可用，仅检查数据库检索记录。")
        report = indexing.check(repair=repair, client=client or False)
        drift = 0
        for field, label in LABELS.items():
            keys = report[field]
            drift += len(keys)
            sample = "、".join(keys[:5]) + ("……" if len(keys) > 5 else "")
            self.stdout.write(f"{label}：{len(keys)} 条" + (f"（{sample}）" if keys else ""))
        if not drift:
            self.stdout.write("索引与内容一致。")
        elif repair:
            self.stdout.write(f"已修复 {drift} 处差异。")
