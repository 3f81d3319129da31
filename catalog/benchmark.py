"""Benchmark support: bulk-fill a node with N items and time the public list and item pages.

Filling bypasses Wagtail's per-page save (which would take hours for a million rows): page
rows are bulk-inserted with treebeard paths computed here, item rows inserted after them,
and 索引号 serials reserved in one locked step through the same sequence table.
"""

import datetime as dt
import random
import statistics
import time

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from . import index_numbers
from .models import DisclosureItemPage, FivePublics, Genre, IndexNumberSequence, TopicCategory

BATCH = 2000


def fill(node, count: int, progress=None, seed: int = 1) -> None:
    """Add `count` published items under `node` (an organisation's catalog node)."""
    rng = random.Random(seed)
    organisation = node.catalog_root.organisation
    topics = list(TopicCategory.objects.exclude(parent=None).values_list("id", flat=True))
    genres, publics = Genre.values, FivePublics.values
    content_type = ContentType.objects.get_for_model(DisclosureItemPage)
    pattern = index_numbers.pattern_for(organisation)
    start_day = dt.date(2015, 1, 1)
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        with transaction.atomic():
            node.refresh_from_db()
            first_child = node.numchild + 1
            dates = sorted(
                start_day + dt.timedelta(days=rng.randrange(0, 3900)) for _ in range(size)
            )
            pages = []
            for offset, day in enumerate(dates):
                slug = f"bench-{first_child + offset}"
                pages.append(
                    Page(
                        title=f"基准测试信息{first_child + offset}号：关于做好有关工作的通知",
                        draft_title=f"基准测试信息{first_child + offset}号",
                        slug=slug,
                        path=Page._get_path(node.path, node.depth + 1, first_child + offset),
                        depth=node.depth + 1,
                        numchild=0,
                        url_path=f"{node.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        content_type=content_type,
                        locale_id=node.locale_id,
                        first_published_at=timezone.make_aware(
                            dt.datetime.combine(day, dt.time(9))
                        ),
                        last_published_at=timezone.now(),
                    )
                )
            Page.objects.bulk_create(pages)
            serials = _reserve_serials(organisation, dates, pattern)
            items = [
                DisclosureItemPage(
                    page_ptr_id=page.id,
                    organisation_id=organisation.id,
                    index_number=index_numbers.format_index_number(
                        pattern, organisation, day, serial
                    ),
                    document_number=f"云基准〔{day.year}〕{first_child + offset}号",
                    written_date=day,
                    publish_date=day,
                    topic_id=rng.choice(topics),
                    genre=rng.choice(genres),
                    five_publics=rng.choice(publics),
                    validity="repealed" if rng.random() < 0.05 else "valid",
                    validity_changed_on=day if rng.random() < 0.05 else None,
                    summary="基准测试数据。",
                    body="<p>基准测试正文。</p>",
                    keywords="",
                )
                for offset, (page, day, serial) in enumerate(
                    zip(pages, dates, serials, strict=True)
                )
            ]
            for item in items:
                if item.validity == "repealed" and item.validity_changed_on is None:
                    item.validity_changed_on = item.publish_date
            fields = DisclosureItemPage._meta.local_concrete_fields
            DisclosureItemPage.objects._insert(items, fields=fields)
            Page.objects.filter(pk=node.pk).update(numchild=node.numchild + size)
        done += size
        if progress:
            progress(size)
    with connection.cursor() as cursor:
        # Refresh planner statistics as autovacuum would after a bulk load; without this,
        # PostgreSQL plans against the pre-load row counts.
        cursor.execute("ANALYZE")


def _reserve_serials(organisation, dates, pattern) -> list[int]:
    """Serials for items published on `dates`, taken from the shared sequence under lock."""
    serials = []
    for year in sorted({day.year for day in dates}):
        scope = year if "{year" in pattern else 0
        sequence, _created = IndexNumberSequence.objects.select_for_update().get_or_create(
            organisation=organisation, year=scope
        )
        needed = sum(1 for day in dates if day.year == year)
        serials_for_year = iter(range(sequence.last_serial + 1, sequence.last_serial + needed + 1))
        sequence.last_serial += needed
        sequence.save(update_fields=["last_serial"])
        serials.extend(next(serials_for_year) for day in dates if day.year == year)
    return serials


def percentiles(samples: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000


def time_requests(host: str, urls: list[str]) -> tuple[list[float], list[float]]:
    """Wall-clock seconds per request, and the seconds of it spent in SQL."""
    client = Client(HTTP_HOST=host)
    client.get(urls[0])  # warm caches
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
            response = client.get(url)
            samples.append(time.perf_counter() - started)
        sql_samples.append(sql_time[0])
        if response.status_code != 200:
            raise RuntimeError(f"{url} → HTTP {response.status_code}")
    return samples, sql_samples
