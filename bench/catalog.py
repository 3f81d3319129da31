"""Benchmark support: time public pages (p50/p95) on the shared generated data set.

The data comes from the generator (`manage.py generate_cluster`, `bench.generator`); this
module only measures. The "stock" figures time what a stock Wagtail index page does for the
same list: Django's Paginator (OFFSET) over the node's items in the same order.
"""

import statistics
import time

from django.core.paginator import Paginator
from django.db import connection
from django.test import Client

from catalog.listing import PER_PAGE
from cluster.keyset import encode_cursor


def fill(node, count: int, progress=None, seed: int = 1) -> None:
    """Add `count` generated items under catalog node `node` (see bench.generator)."""
    from .generator import analyze, fill_node, rng_for

    fill_node(node, count, rng_for(seed, "catalog_benchmark", node.url_path), progress=progress)
    analyze()


def ordered(queryset):
    return queryset.order_by("-publish_date", "-pk")


def cursor_at(queryset, position: int) -> str | None:
    """The keyset cursor that opens the list at row `position` (0 = first page)."""
    if position <= 0:
        return None
    row = ordered(queryset).only("publish_date")[position - 1 : position].first()
    return encode_cursor(row) if row else None


def depth_positions(total: int) -> dict[str, int]:
    """Row offsets of the first, middle and last list pages."""
    last = max(0, (total - 1) // PER_PAGE) * PER_PAGE
    return {"第一页": 0, "中间页": (total // 2) // PER_PAGE * PER_PAGE, "末页": last}


def time_offset_pages(queryset, position: int, repeat: int) -> list[float]:
    """Seconds to fetch one page the stock way (Paginator + OFFSET), `repeat` times."""
    samples = []
    number = position // PER_PAGE + 1
    for _ in range(repeat):
        started = time.perf_counter()
        page = Paginator(ordered(queryset), PER_PAGE).page(number)
        list(page.object_list)
        samples.append(time.perf_counter() - started)
    return samples


def time_keyset_pages(queryset, position: int, repeat: int) -> list[float]:
    """Seconds to fetch the same page by keyset (the query our list pages run)."""
    from cluster.keyset import keyset_page

    cursor = cursor_at(queryset, position)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        keyset_page(queryset, after=cursor)
        samples.append(time.perf_counter() - started)
    return samples


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds."""
    ordered_samples = sorted(samples)
    p95 = ordered_samples[
        min(len(ordered_samples) - 1, int(round(0.95 * (len(ordered_samples) - 1))))
    ]
    return statistics.median(ordered_samples) * 1000, p95 * 1000


def time_requests(host: str, urls: list[str]) -> tuple[list[float], list[float]]:
    """Wall-clock seconds per request, and the seconds of it spent in SQL."""
    client = Client(HTTP_HOST=host)
    # over https as the TLS proxy says (production settings redirect plain http); the port
    # stays the site's, as behind the proxy
    client.get(urls[0], HTTP_X_FORWARDED_PROTO="https")  # warm caches
    samples, sql_samples = [], []
    for url in urls:
        sql_time = [0.0]

        def timed(execute, sql, params, many, context, sql_time=sql_time):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                sql_time[0] += time.perf_counter() - started

        with connection.execute_wrapper(timed):
            started = time.perf_counter()
            response = client.get(url, HTTP_X_FORWARDED_PROTO="https")
            samples.append(time.perf_counter() - started)
        sql_samples.append(sql_time[0])
        if response.status_code != 200:
            raise RuntimeError(f"{url} → HTTP {response.status_code}")
    return samples, sql_samples
