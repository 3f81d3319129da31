"""Benchmark: cached page hits against Wagtail's stock (uncached) serving of the same pages.

Two measurements, both in one run so the ratio compares like with like:
  in-process  the full WSGI stack called directly, one request at a time (no network, no
              load generator): what one worker does per request
  loopback    gunicorn on 127.0.0.1 driven by wrk, once with the page cache off and once on:
              throughput of the machine, load generator included
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass

from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory, override_settings

from cluster.models import ArticlePage, ColumnPage, Organisation

# What the TLS-terminating reverse proxy of a production deployment adds (honoured only by the
# production settings' SECURE_PROXY_SSL_HEADER): without it production redirects to https.
PROXY_META = {"HTTP_X_FORWARDED_PROTO": "https"}


@dataclass
class Result:
    """Figures of one page in one mode."""

    label: str
    mode: str
    requests: int
    seconds: float
    latencies_ms: list
    errors: int
    hits: int = 0

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def sample_pages() -> list[tuple[str, str, str]]:
    """(label, host, path) of typical public pages of the portal's site."""
    portal = Organisation.objects.filter(parent=None, home_page__isnull=False).first()
    if portal is None:
        return []
    root = portal.home_page.specific
    site = root.get_site()
    pages = [("门户首页", site.hostname, "/")]
    column = ColumnPage.objects.descendant_of(root).live().filter(depth=root.depth + 1).first()
    if column is not None:
        pages.append(("栏目列表", site.hostname, column.get_url_parts()[2]))
        article = ArticlePage.objects.child_of(column).live().first()
        if article is not None:
            pages.append(("文章页", site.hostname, article.get_url_parts()[2]))
    try:
        from catalog.models import CatalogRootPage, DisclosureItemPage
    except ImportError:  # the catalog app is optional
        return pages
    catalog = CatalogRootPage.objects.child_of(root).live().first()
    if catalog is not None:
        pages.append(("全市公开目录", site.hostname, catalog.get_url_parts()[2]))
    item = DisclosureItemPage.objects.live().public().order_by("-publish_date").first()
    if item is not None:
        parts = item.get_url_parts()
        host = parts[1].split("://", 1)[-1].split(":")[0]
        pages.append(("公开信息页", host, parts[2]))
    return pages


def in_process(pages, requests: int, progress=None) -> list[Result]:
    """Call the WSGI application directly, first uncached (stock) then cached, per page."""
    handler = WSGIHandler()
    results = []
    for label, host, path in pages:
        environ = RequestFactory().get(path, HTTP_HOST=host, **PROXY_META).environ
        for mode, enabled in (("stock", False), ("cached", True)):
            with override_settings(PAGECACHE_ENABLED=enabled):
                _call(handler, environ)  # warm: fills the cache, per-process lookups
                result = Result(label, mode, requests, 0.0, [], 0)
                began = time.perf_counter()
                for _ in range(requests):
                    start = time.perf_counter()
                    status, headers = _call(handler, environ)
                    result.latencies_ms.append((time.perf_counter() - start) * 1000)
                    result.errors += not status.startswith("200")
                    result.hits += headers.get("X-Cache") == "hit"
                    if progress:
                        progress()
                result.seconds = time.perf_counter() - began
            results.append(result)
    return results


def _call(handler, environ):
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"], captured["headers"] = status, dict(headers)

    body = handler(dict(environ), start_response)
    b"".join(body)
    body.close()
    return captured["status"], captured["headers"]


def loopback(
    pages, *, duration: int, connections: int, workers: int, threads: int, log=print
) -> list[Result]:
    """gunicorn on 127.0.0.1 (cache off, then on) under wrk, `duration` seconds per page."""
    if shutil.which("wrk") is None:
        raise RuntimeError("需要 wrk（bash tools/system-packages.sh wrk）")
    results = []
    for mode, enabled in (("stock", "0"), ("cached", "1")):
        port = _free_port()
        server = _start_gunicorn(port, workers, threads, {"PAGECACHE_ENABLED": enabled})
        try:
            _wait_until_up(port, pages[0][1])
            for number, (label, host, path) in enumerate(pages, 1):
                log(f"  [{mode} {number}/{len(pages)}] {label} {path} …")
                url = f"http://127.0.0.1:{port}{path}"
                _get(url, host)  # warm (fills the cache in the cached run)
                results.append(_wrk(label, mode, url, host, duration, connections))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return results


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_gunicorn(port: int, workers: int, threads: int, extra_env: dict):
    command = [
        sys.executable, "-m", "gunicorn", "cluster.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
        "--log-level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(command, env={**os.environ, **extra_env})


def _get(url: str, host: str) -> int:
    request = urllib.request.Request(url, headers={"Host": host, "X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        return response.status


def _wait_until_up(port: int, host: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            _get(f"http://127.0.0.1:{port}/", host)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


WRK_LATENCY = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(label, mode, url, host, duration, connections) -> Result:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "--latency",
         "-H", f"Host: {host}", "-H", "X-Forwarded-Proto: https", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    total = int(re.search(r"(\d+) requests in", output).group(1))
    seconds = float(re.search(r"requests in ([\d.]+)s", output).group(1))
    errors = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output)) else 0
    if m := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(n) for n in m.groups())
    result = Result(label, mode, total, seconds, [], errors)
    result.wrk_percentiles = {
        int(p): float(v) * UNIT_MS[unit] for p, v, unit in WRK_LATENCY.findall(output)
    }
    return result


def table(results: list[Result], *, wrk: bool = False) -> list[str]:
    """Rows comparing stock and cached serving of each page."""
    rows = [
        f"{'页面':<10} {'stock req/s':>12} {'stock p50':>10} {'cached req/s':>13} "
        f"{'cached p50':>11} {'cached p99':>11} {'倍数':>7} {'错误 stock/cached':>18}"
    ]
    by_page = {}
    for result in results:
        by_page.setdefault(result.label, {})[result.mode] = result
    for label, modes in by_page.items():
        stock, cached = modes["stock"], modes["cached"]
        ratio = cached.rate / stock.rate if stock.rate else float("inf")

        def p(result, q):
            return result.wrk_percentiles.get(q, 0.0) if wrk else result.percentile(q)

        rows.append(
            f"{label:<10} {stock.rate:>12.0f} {p(stock, 50):>8.2f}ms {cached.rate:>13.0f} "
            f"{p(cached, 50):>9.2f}ms {p(cached, 99):>9.2f}ms {ratio:>6.1f}× "
            f"{stock.errors:>9}/{cached.errors}"
        )
    stock_all = [r for r in results if r.mode == "stock"]
    cached_all = [r for r in results if r.mode == "cached"]
    if stock_all and cached_all:
        stock_mean = statistics.mean(r.rate for r in stock_all)
        cached_mean = statistics.mean(r.rate for r in cached_all)
        rows.append(
            f"{'平均':<10} {stock_mean:>12.0f} {'':>10} {cached_mean:>13.0f} {'':>11} {'':>11} "
            f"{cached_mean / stock_mean:>6.1f}×"
        )
    return rows
