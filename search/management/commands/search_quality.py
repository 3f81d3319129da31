"""Measure search quality on the demo corpus: recall@10 and MRR for every backend."""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from cluster.models import Organisation
from search import indexing
from search.backends.database import DatabaseBackend
from search.engine import elastic_available, elastic_client
from search.quality.evaluate import CUTOFF, evaluate
from search.query import parse
from search.service import synonym_groups


class Command(BaseCommand):
    help = "用标注查询集（search/quality/queries.json）评估检索质量：recall@10 与 MRR。"

    def add_arguments(self, parser):
        parser.add_argument("--show-misses", action="store_true", help="列出未召回的查询")

    def handle(self, *args, show_misses=False, **options):
        if not Organisation.objects.filter(slug="portal").exists():
            from cluster.demo.loader import load_demo

            self.stdout.write("载入演示数据……")
            load_demo(log=lambda message: None)
        indexing.rebuild_database()
        backends = {"数据库（jieba + FTS5/tsvector）": self._database}
        if elastic_client() is not None:
            if elastic_available():
                indexing.rebuild_elasticsearch()
                backends["Elasticsearch（jieba + 单字子字段）"] = self._elasticsearch
            else:
                self.stderr.write("Elasticsearch 不可用，跳过。")
        backends["Wagtail 自带数据库检索"] = self._wagtail
        self.stdout.write(f"{'后端':<28}{'查询数':>6}{'recall@10':>12}{'MRR':>8}")
        results = {}
        for name, search_titles in backends.items():
            report = evaluate(search_titles)
            results[name] = report
            self.stdout.write(
                f"{name:<28}{report['queries']:>6}{report['recall']:>12.3f}{report['mrr']:>8.3f}"
            )
            if show_misses and report["misses"]:
                self.stdout.write("  未完全召回：" + "；".join(report["misses"]))
        return None

    @staticmethod
    def _titles(backend, raw):
        query = parse(raw, synonym_groups(), per_page=CUTOFF)
        return [hit.title for hit in backend.search(query).hits]

    def _database(self, raw):
        return self._titles(DatabaseBackend(), raw)

    def _elasticsearch(self, raw):
        from search.backends.elastic import ElasticsearchBackend

        return self._titles(ElasticsearchBackend(elastic_client()), raw)

    @staticmethod
    def _wagtail(raw):
        return [page.title for page in Page.objects.live().search(raw)[:CUTOFF]]
