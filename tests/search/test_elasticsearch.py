"""The Elasticsearch backend against the real node (services profile)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from search import engine, service
from search.documents import alias_name
from search.models import IndexBacklog, SynonymGroup

from .helpers import FGW_HOST, PORTAL_HOST, make_article

pytestmark = pytest.mark.services


def titles(results):
    return [hit.title for hit in results.hits]


def test_segmented_chinese_search_with_facets(elastic, small_cluster):
    results = service.search("营商环境")
    assert results.backend == "elasticsearch" and not results.degraded
    assert titles(results) == [small_cluster["business"].title]
    everything = service.search("关于")
    assert everything.total == 3
    assert dict(everything.facets["organisation"]) == {
        "示例市人民政府": 1,
        "示例市发展和改革委员会": 2,
    }
    assert dict(everything.facets["year"]) == {"2026": 2, "2025": 1}
    assert set(everything.facets) >= {"topic", "genre", "five_publics", "validity"}


def test_filters_scope_sort_and_pages(elastic, small_cluster):
    fgw_path = small_cluster["fgw"].home_page.path
    assert service.search("关于", scope_path=fgw_path).total == 2
    assert titles(service.search("关于", filters={"year": "2025"})) == [
        small_cluster["business"].title
    ]
    by_date = service.search("关于", sort="date", page=2, per_page=2)
    assert by_date.total == 3 and titles(by_date) == [small_cluster["business"].title]


def test_synonyms_traditional_and_typos(elastic, small_cluster):
    SynonymGroup.objects.create(terms="发改委,发展和改革委员会")
    assert titles(service.search("发改委 投资")) == [small_cluster["investment"].title]
    assert titles(service.search("營商環境")) == [small_cluster["business"].title]
    typo = service.search("配汽价格听证")
    assert typo.relaxed and titles(typo)[0] == small_cluster["gas"].title


def test_results_page_from_elasticsearch(elastic, small_cluster):
    html = Client().get("/search/", {"q": "天然气"}, HTTP_HOST=FGW_HOST).content.decode()
    assert "本站找到相关结果约 1 条" in html and "<mark>天然气</mark>" in html
    assert "暂时不可用" not in html


def test_publish_and_unpublish_reach_the_index(elastic, small_cluster, indexed):
    with indexed():
        page = make_article(small_cluster["news"], "fire", title="森林防火期野外用火管理通告")
    assert service.search("野外用火").total == 1
    with indexed():
        page.unpublish()
    assert service.search("野外用火").total == 0


def test_reindex_switches_the_alias_to_a_new_index(elastic_own_indexes, small_cluster):
    elastic = elastic_own_indexes
    alias = alias_name("article")
    before = set(elastic.indices.get_alias(name=alias))
    call_command("search_reindex", "--no-progress", stdout=StringIO())
    after = set(elastic.indices.get_alias(name=alias))
    assert len(after) == 1 and after != before
    assert not any(elastic.indices.exists(index=name) for name in before)
    assert service.search("营商环境").total == 1


def test_check_repairs_a_document_missing_from_the_index(elastic, small_cluster):
    key = f"article:{small_cluster['gas'].id}"
    elastic.delete(index=alias_name("article"), id=key, refresh=True)
    out = StringIO()
    call_command("search_check", stdout=out)
    assert f"Elasticsearch 缺少：1 条（{key}）" in out.getvalue()
    call_command("search_check", "--repair", stdout=StringIO())
    elastic.indices.refresh(index=alias_name("article"))
    assert elastic.exists(index=alias_name("article"), id=key)


def test_writes_missed_while_the_node_was_down_catch_up(elastic, small_cluster, settings, indexed):
    real_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with indexed():
        make_article(small_cluster["news"], "outage", title="停机期间发布的防汛通知")
    assert IndexBacklog.objects.count() == 1
    settings.ELASTICSEARCH_URL = real_url
    engine.reset_breaker()
    assert service.flush_backlog() == 1
    assert IndexBacklog.objects.count() == 0
    assert titles(service.search("防汛通知")) == ["停机期间发布的防汛通知"]


def test_portal_page_falls_back_when_the_node_dies(elastic, small_cluster, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    html = Client().get("/search/", {"q": "营商环境"}, HTTP_HOST=PORTAL_HOST).content.decode()
    assert "全文检索服务暂时不可用" in html and "<mark>营商环境</mark>" in html


def test_facet_fields_build_their_ordinals_at_refresh_not_at_the_first_search(
    elastic, small_cluster
):
    from search.query import FACET_FIELDS

    mappings = elastic.indices.get_mapping(index=alias_name("article"))
    [index] = mappings.body.values()
    fields = index["mappings"]["properties"]
    keyword_facets = [field for field in FACET_FIELDS if fields[field]["type"] == "keyword"]
    assert set(keyword_facets) >= {"organisation", "content_type", "topic", "validity"}
    assert all(fields[field].get("eager_global_ordinals") for field in keyword_facets)
    assert fields["year"]["type"] == "integer"  # numbers need no ordinals
