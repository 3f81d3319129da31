"""manage.py catalog_benchmark --items N: fill a node with N items, report page latencies."""

import random

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cluster.models import Organisation

from ...benchmark import fill, percentiles, time_requests
from ...listing import PER_PAGE, keyset_page
from ...models import CatalogNodePage, CatalogRootPage, DisclosureItemPage


class Command(BaseCommand):
    help = "向一个目录节点批量写入 N 条公开信息，并测量列表页和信息页的 p50/p95 响应时间"

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=10000, help="写入条数（0 = 只测量）")
        parser.add_argument("--org", default="fgw", help="机构英文标识")
        parser.add_argument("--node", default="gzhgfxwj", help="目录节点 slug")
        parser.add_argument("--requests", type=int, default=50, help="每类页面的请求次数")

    def handle(self, *args, items, org, node, requests, **options):
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(f"机构“{org}”不存在（先运行 load_demo）")
        root = CatalogRootPage.objects.get(organisation=organisation)
        target = CatalogNodePage.objects.descendant_of(root).get(slug=node)
        if items:
            with tqdm(total=items, desc="写入", unit="条") as bar:
                fill(target, items, progress=bar.update)
        total = DisclosureItemPage.objects.filter(organisation=organisation).count()
        host = organisation.site.hostname
        list_url = target.url
        queryset = target.items()
        deep = keyset_page(queryset, size=PER_PAGE * 50).next_cursor
        sample = list(
            DisclosureItemPage.objects.filter(organisation=organisation)
            .order_by("?")
            .values_list("url_path", flat=True)[:requests]
        )
        site_root = organisation.home_page.url_path
        item_urls = ["/" + path[len(site_root) :] for path in sample]
        scenarios = {
            "列表第一页": [list_url] * requests,
            "列表深翻页（第51页后）": [f"{list_url}?after={deep}"] * requests if deep else [],
            "列表筛选（年份+体裁）": [
                f"{list_url}?year={random.randint(2015, 2025)}&genre=notice"
                for _ in range(requests)
            ],
            "门户全市目录": [],
            "信息页": item_urls,
        }
        portal_root = CatalogRootPage.objects.filter(organisation__parent=None).first()
        if portal_root is not None:
            portal_host = portal_root.organisation.site.hostname
        self.stdout.write(f"数据库：{self._vendor()}，本机构信息 {total} 条")
        for name, urls in scenarios.items():
            if name == "门户全市目录":
                if portal_root is None:
                    continue
                samples = time_requests(portal_host, ["/xxgk/"] * requests)
            elif not urls:
                continue
            else:
                samples = time_requests(host, urls)
            samples, sql_samples = samples
            p50, p95 = percentiles(samples)
            sql50, sql95 = percentiles(sql_samples)
            self.stdout.write(
                f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms；其中SQL p50 {sql50:.1f} ms, "
                f"p95 {sql95:.1f} ms（{len(samples)} 次）"
            )

    @staticmethod
    def _vendor():
        from django.db import connection

        return connection.vendor
