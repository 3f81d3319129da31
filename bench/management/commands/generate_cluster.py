"""manage.py generate_cluster: the shared benchmark data set (issue #7), seeded."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from tqdm import tqdm

from bench.generator import Counts, generate


class Command(BaseCommand):
    help = (
        "生成基准数据：N 个机构（门户、部门、区县，含站点、角色组、目录树、栏目）及其文章、"
        "主动公开信息、行政许可结果和依申请公开申请；同一种子生成相同数据"
    )

    def add_arguments(self, parser):
        defaults = Counts()
        parser.add_argument("--organisations", type=int, default=defaults.organisations)
        parser.add_argument("--items", type=int, default=defaults.items, help="主动公开信息条数")
        parser.add_argument("--articles", type=int, default=defaults.articles, help="文章篇数")
        parser.add_argument(
            "--approvals", type=int, default=defaults.approvals, help="行政许可结果条数"
        )
        parser.add_argument("--requests", type=int, default=defaults.requests, help="申请件数")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--index", action="store_true", help="生成后重建搜索索引")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, seed, index, no_progress, **options):
        counts = Counts(
            organisations=options["organisations"],
            items=options["items"],
            articles=options["articles"],
            approvals=options["approvals"],
            requests=options["requests"],
        )

        def progress(description, total):
            return tqdm(total=total, desc=description, unit="条", disable=no_progress)

        started = time.perf_counter()
        added = generate(counts, seed=seed, progress=progress, log=self.stdout.write)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"已生成（{elapsed:.0f} 秒）：机构 {added['organisations']} 个，文章 {added['articles']} 篇，"
            f"公开信息 {added['items']} 条，许可结果 {added['approvals']} 条，"
            f"申请 {added['requests']} 件"
        )
        if index:
            call_command("search_reindex", no_progress=no_progress, stdout=self.stdout)
