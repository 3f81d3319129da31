"""manage.py catalog_benchmark: p50/p95 of the catalog's public pages on the generated data."""

import random

from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings
from tqdm import tqdm

from bench.catalog import (
    cursor_at,
    depth_positions,
    fill,
    percentiles,
    time_keyset_pages,
    time_offset_pages,
    time_requests,
)
from catalog.models import CatalogNodePage, CatalogRootPage, DisclosureItemPage
from cluster.models import Organisation


class Command(BaseCommand):
    help = (
        "在生成的数据（manage.py generate_cluster）上测量目录列表页（第一页、中间页、末页）、"
        "筛选、门户全市目录和信息页的 p50/p95，并与 Wagtail 常规分页（OFFSET）对比"
    )

    def add_arguments(self, parser):
        parser.add_argument("--items", type=int, default=0, help="测量前向节点追加的生成条数")
        parser.add_argument("--org", default="fgw", help="机构英文标识")
        parser.add_argument("--node", default="gzhgfxwj", help="目录节点 slug")
        parser.add_argument("--requests", type=int, default=50, help="每类页面的请求次数")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, items, org, node, requests, seed, **options):
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(f"机构“{org}”不存在（先运行 generate_cluster 或 load_demo）")
        root = CatalogRootPage.objects.get(organisation=organisation)
        target = CatalogNodePage.objects.descendant_of(root).get(slug=node)
        if items:
            with tqdm(total=items, desc="写入", unit="条") as bar:
                fill(target, items, progress=bar.update, seed=seed)
        rng = random.Random(seed)
        total = DisclosureItemPage.objects.count()
        host = organisation.site.hostname
        self.stdout.write(
            f"数据库：{self._vendor()}，信息共 {total} 条，本机构 "
            f"{DisclosureItemPage.objects.filter(organisation=organisation).count()} 条，"
            f"节点“{target.title}” {target.items().count()} 条"
        )
        sample = list(
            DisclosureItemPage.objects.filter(organisation=organisation)
            .order_by("?")
            .values_list("url_path", flat=True)[:requests]
        )
        site_root = organisation.home_page.url_path
        scenarios = [("信息页", host, ["/" + p[len(site_root) :] for p in sample])]
        lists = [("节点列表", host, target.url, target.items())]
        portal_root = CatalogRootPage.objects.filter(organisation__parent=None).first()
        if portal_root is not None:
            portal_host = portal_root.organisation.site.hostname
            lists.append(("门户全市目录", portal_host, "/xxgk/", portal_root.items()))
        stock = []
        for name, list_host, url, queryset in lists:
            count = queryset.count()
            for depth, position in depth_positions(count).items():
                cursor = cursor_at(queryset, position)
                page_url = f"{url}?after={cursor}" if cursor else url
                scenarios.append((f"{name}{depth}", list_host, [page_url] * requests))
                stock.append(
                    (
                        f"{name}{depth}（第 {position // 20 + 1} 页，共 {count} 条）",
                        queryset,
                        position,
                    )
                )
        scenarios.append(
            (
                "节点列表筛选（年份+体裁）",
                host,
                [
                    f"{target.url}?year={rng.randint(2015, 2026)}&genre=notice"
                    for _ in range(requests)
                ],
            )
        )
        self.stdout.write("整页请求（不经页面缓存，测的是 Wagtail 渲染路径）")
        for name, scenario_host, urls in scenarios:
            with override_settings(PAGECACHE_ENABLED=False):  # a list URL repeats: else a hit
                samples, sql_samples = time_requests(scenario_host, urls)
            p50, p95 = percentiles(samples)
            sql50, sql95 = percentiles(sql_samples)
            self.stdout.write(
                f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms；其中SQL p50 {sql50:.1f} ms, "
                f"p95 {sql95:.1f} ms（{len(samples)} 次）"
            )
        self.stdout.write(
            "列表查询：键集分页 vs Wagtail 常规分页（Paginator + OFFSET），同一次运行"
        )
        for name, queryset, position in stock:
            keyset = percentiles(time_keyset_pages(queryset, position, requests))
            offset = percentiles(time_offset_pages(queryset, position, max(5, requests // 5)))
            self.stdout.write(
                f"{name}: 键集 p50 {keyset[0]:.1f} ms / p95 {keyset[1]:.1f} ms；"
                f"OFFSET p50 {offset[0]:.1f} ms / p95 {offset[1]:.1f} ms；"
                f"比值 {offset[0] / max(keyset[0], 0.001):.1f}×"
            )

    @staticmethod
    def _vendor():
        from django.db import connection

        return connection.vendor
