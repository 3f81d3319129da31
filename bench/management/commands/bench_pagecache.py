"""manage.py bench_pagecache: cached page hits against Wagtail's stock serving, same run."""

import platform

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from bench import pagecache as bench


class Command(BaseCommand):
    help = "测量页面缓存命中与 Wagtail 原生（不缓存）渲染同一页面的吞吐量和延迟，并输出对比表"

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=300, help="进程内每页每种方式的请求数")
        parser.add_argument(
            "--loopback", action="store_true", help="另用 gunicorn（127.0.0.1）+ wrk 测量整机吞吐"
        )
        parser.add_argument("--duration", type=int, default=10, help="wrk 每页每种方式的秒数")
        parser.add_argument("--connections", type=int, default=32, help="wrk 并发连接数")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn 进程数")
        parser.add_argument("--threads", type=int, default=4, help="gunicorn 每进程线程数")

    def handle(self, *args, requests, loopback, duration, connections, workers, threads, **kw):
        pages = bench.sample_pages()
        if not pages:
            raise CommandError("没有可测的页面（先运行 load_demo）")
        backend = settings.CACHES["pagecache"]["BACKEND"].rsplit(".", 1)[-1]
        self.stdout.write(
            f"机器：{platform.node()} {platform.machine()}，{_cpus()} 核；Python "
            f"{platform.python_version()}；数据库 {connection.vendor}；页面缓存 {backend}；"
            f"设置 {settings.SETTINGS_MODULE}"
        )
        total = len(pages) * 2 * requests
        with tqdm(total=total, desc="进程内", unit="次") as bar:
            results = bench.in_process(pages, requests, progress=bar.update)
        self.stdout.write(f"\n进程内（单线程 WSGI 调用，每页每种方式 {requests} 次）：")
        self._print(results)
        misses = [r for r in results if r.mode == "cached" and r.hits != r.requests]
        if misses:
            raise CommandError(f"缓存方式中有未命中的请求：{[r.label for r in misses]}")
        if loopback:
            self.stdout.write(
                f"\ngunicorn（{workers} 进程 × {threads} 线程，127.0.0.1）+ wrk"
                f"（{connections} 连接，每页每种方式 {duration} 秒）："
            )
            results = bench.loopback(
                pages, duration=duration, connections=connections, workers=workers,
                threads=threads, log=self.stdout.write,
            )  # fmt: skip
            self._print(results, wrk=True)

    def _print(self, results, wrk=False):
        for row in bench.table(results, wrk=wrk):
            self.stdout.write(row)


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))
