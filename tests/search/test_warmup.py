"""The warm-up after an Elasticsearch restart asks the real node what visitors ask most."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from search import tasks, warmup
from search.documents import alias_name
from search.models import QueryLog


def searches_answered(client, alias) -> int:
    """How many searches the node has answered on the index behind `alias` (its own count)."""
    stats = client.indices.stats(index=alias, metric="search")
    return sum(index["total"]["search"]["query_total"] for index in stats["indices"].values())


def test_logged_queries_come_first_by_count_then_title_words(small_cluster):
    QueryLog.objects.create(query="营商环境", count=9, last_hits=1)
    QueryLog.objects.create(query="听证会", count=30, last_hits=1)
    QueryLog.objects.create(query="无此内容", count=50, last_hits=0)  # found nothing: skipped
    queries = warmup.warmup_queries(6)
    assert queries[:2] == ["听证会", "营商环境"]
    assert "无此内容" not in queries
    # the rest: words of the newest indexed titles, commonest first, each once: "关于" is in
    # all three titles, "示例" in two (and 营商环境/听证会, already listed, are not repeated)
    assert len(queries) == 6 and len(set(queries)) == 6
    assert queries[2:4] == ["关于", "示例"]


@pytest.mark.services
def test_command_asks_the_node_each_query_by_relevance_and_by_date(elastic, small_cluster):
    QueryLog.objects.create(query="天然气", count=5, last_hits=1)
    alias = alias_name("article")
    before = searches_answered(elastic, alias)
    out = StringIO()
    call_command("search_warmup", "--queries", "3", "--no-progress", stdout=out)
    said = re.search(
        r"已预热 3 个检索词、(\d+) 次检索（其中分面筛选 (\d+) 次，失败 0 次）", out.getvalue()
    )
    searches, filtered = int(said[1]), int(said[2])
    # each query by relevance and by date, then narrowed by its facets' top values (the
    # articles have an organisation and a year at least)
    assert filtered >= 3 * 2 and searches == 3 * 2 + filtered
    # every search reaches the node: its own search statistics grew by as many
    assert searches_answered(elastic, alias) - before >= searches


@pytest.mark.services
def test_a_node_down_makes_the_command_fail_with_a_chinese_message(settings, small_cluster):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    with pytest.raises(Exception, match="Elasticsearch 不可用"):
        call_command("search_warmup", "--no-progress", stdout=StringIO())


def test_without_elasticsearch_there_is_nothing_to_warm(small_cluster):
    out = StringIO()
    call_command("search_warmup", "--no-progress", stdout=out)
    assert "无需预热" in out.getvalue()


@override_settings(CELERY_TASK_ALWAYS_EAGER=True)
def test_in_process_tasks_do_not_warm_up_inside_a_visitors_request(small_cluster, monkeypatch):
    ran = []
    monkeypatch.setattr(tasks.warm_up, "apply_async", lambda *a, **k: ran.append(1))
    tasks.warm_up_soon()
    assert ran == []
