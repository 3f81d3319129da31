"""Indexing follows the content: publish, unpublish, move and delete, and the two commands."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction

from search import service
from search.models import IndexBacklog, SearchEntry

from .helpers import PORTAL_HOST, make_article

pytestmark = pytest.mark.backends


def keys():
    return set(SearchEntry.objects.values_list("title", flat=True))


def test_publish_indexes_and_unpublish_removes(small_cluster, indexed):
    with indexed():
        page = make_article(small_cluster["news"], "new", title="关于秋冬季森林防火的通告")
    assert "关于秋冬季森林防火的通告" in keys()
    with indexed():
        page.unpublish()
    assert "关于秋冬季森林防火的通告" not in keys()


def test_a_draft_change_is_not_searchable_until_published(small_cluster, indexed):
    page = small_cluster["gas"]
    with indexed():
        page.title = "草稿标题不应被搜到"
        page.save_revision()
    assert service.search("草稿标题").total == 0
    with indexed():
        page.get_latest_revision().publish()
    assert service.search("草稿标题").total == 1


def test_a_view_restriction_removes_the_subtree_and_lifting_it_restores(small_cluster, indexed):
    policy = small_cluster["policy"]
    with indexed():
        restriction = PageViewRestriction.objects.create(
            page=policy, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    assert keys() == {small_cluster["business"].title}
    with indexed():
        restriction.delete()
    assert small_cluster["gas"].title in keys() and small_cluster["investment"].title in keys()


def test_move_updates_scope_and_url(small_cluster, indexed):
    page = small_cluster["gas"]
    with indexed():
        page.move(small_cluster["news"], pos="last-child")
    entry = SearchEntry.objects.get(key=f"article:{page.id}")
    assert entry.scope_path.startswith(small_cluster["portal"].home_page.path)
    assert entry.organisation == "示例市人民政府"
    assert entry.url.startswith("http://www.example.gov.cn/")


def test_delete_removes_the_page_and_its_descendants(small_cluster, indexed):
    with indexed():
        small_cluster["policy"].delete()
    assert keys() == {small_cluster["business"].title}


def test_index_keys_is_idempotent(small_cluster):
    key = f"article:{small_cluster['gas'].id}"
    service.index_keys([key, key])
    service.index_keys([key])
    assert SearchEntry.objects.filter(key=key).count() == 1


def test_reindex_command_rebuilds_the_database_records(small_cluster):
    SearchEntry.objects.all().delete()
    out = StringIO()
    call_command("search_reindex", "--no-progress", stdout=out)
    assert "数据库：写入 3 条" in out.getvalue()
    assert len(keys()) == 3


def test_reindex_with_worker_processes_writes_the_same_records(small_cluster):
    columns = ("key", "title", "title_tokens", "body_tokens", "char_tokens", "scope_path")
    in_process = set(SearchEntry.objects.values_list(*columns))
    SearchEntry.objects.all().delete()
    out = StringIO()
    call_command("search_reindex", "--no-progress", "--workers", "2", stdout=out)
    assert "数据库：写入 3 条" in out.getvalue()
    assert set(SearchEntry.objects.values_list(*columns)) == in_process


def test_check_command_reports_and_repairs_drift(small_cluster):
    SearchEntry.objects.filter(title=small_cluster["gas"].title).delete()
    SearchEntry.objects.filter(title=small_cluster["business"].title).update(title="过期标题")
    SearchEntry.objects.create(key="article:999999", content_type="article", title="孤儿记录")
    out = StringIO()
    call_command("search_check", stdout=out)
    report = out.getvalue()
    assert "数据库缺少：1 条" in report and "数据库过期：1 条" in report
    assert "数据库多余：1 条（article:999999）" in report
    call_command("search_check", "--repair", stdout=StringIO())
    out = StringIO()
    call_command("search_check", stdout=out)
    assert "索引与内容一致" in out.getvalue()
    assert "孤儿记录" not in keys() and small_cluster["gas"].title in keys()


def test_unreachable_elasticsearch_falls_back_to_the_database(small_cluster, settings, indexed):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    response = Client().get("/search/", {"q": "营商环境", "scope": "site"}, HTTP_HOST=PORTAL_HOST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "全文检索服务暂时不可用" in html
    assert "本站找到相关结果约 1 条" in html
    # Writes still reach the database and wait in the backlog for the node.
    with indexed():
        make_article(small_cluster["news"], "later", title="节点故障期间发布的文章")
    assert "节点故障期间发布的文章" in keys()
    assert IndexBacklog.objects.count() == 1
