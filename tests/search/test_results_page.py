"""The public results page on every site: what the public sees for good and bad queries."""

import pytest
from django.test import Client

from search.models import PinnedResult, QueryLog, SynonymGroup

from .helpers import FGW_HOST, PORTAL_HOST

pytestmark = pytest.mark.backends


def get(host, **params):
    return Client().get("/search/", params, HTTP_HOST=host)


def test_results_page_highlights_matches_and_shows_facets(small_cluster):
    response = get(PORTAL_HOST, q="营商环境", scope="all")
    html = response.content.decode()
    assert response.status_code == 200
    assert "全站群找到相关结果约 1 条" in html
    assert "<mark>营商环境</mark>" in html
    assert "发布机构" in html and '示例市人民政府<span class="count">（1）</span>' in html
    assert "年份" in html and "2025" in html
    assert small_cluster["business"].get_full_url() in html


def test_this_site_scope_leaves_out_other_sites(small_cluster):
    html = get(PORTAL_HOST, q="天然气", scope="site").content.decode()
    assert "没有找到与“天然气”相关的本站内容" in html
    assert "在全站群中搜索" in html
    html = get(FGW_HOST, q="天然气").content.decode()
    assert "本站找到相关结果约 1 条" in html


def test_portal_searches_the_whole_cluster_by_default_sub_sites_their_own(small_cluster):
    html = get(PORTAL_HOST, q="天然气").content.decode()
    assert "全站群找到相关结果约 1 条" in html
    assert 'name="scope" value="all" checked' in html
    html = get(FGW_HOST, q="营商环境").content.decode()
    assert "没有找到与“营商环境”相关的本站内容" in html
    assert 'name="scope" value="site" checked' in html


def test_facet_link_filters_and_unfilters(small_cluster):
    html = get(PORTAL_HOST, q="关于", scope="all", organisation="示例市人民政府").content.decode()
    assert "全站群找到相关结果约 1 条" in html
    assert 'aria-current="true"' in html


def test_sort_and_pagination_links_keep_the_query(small_cluster):
    html = get(PORTAL_HOST, q="关于", scope="all", sort="date").content.decode()
    assert "<strong>按时间</strong>" in html
    assert "sort=relevance" in html and "q=%E5%85%B3%E4%BA%8E" in html


def test_html_in_the_query_is_escaped(small_cluster):
    html = get(PORTAL_HOST, q="<script>alert(1)</script>营商").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;营商" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": ""}, "请输入检索词"),
        ({"q": "！？。，、；……"}, "没有可检索的文字"),
        ({"q": "营商" * 500}, "检索词过长，已截取前100个字"),
        ({"q": "营商", "page": "abc"}, "找到相关结果"),
        ({"q": "营商", "page": "99999999999999999999"}, "找到"),
        ({"q": "营商", "year": "二〇二五"}, "找到相关结果"),
        ({"q": "营商", "sort": "'; DROP TABLE"}, "按相关度"),
        ({"q": "营商", "node": "-1"}, "找到相关结果"),
        ({"q": 'AND OR "( NEAR * ^'}, "没有找到"),
    ],
)
def test_bad_input_gets_a_clear_answer_never_an_error(small_cluster, params, expected):
    response = get(PORTAL_HOST, **params)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_search_inside_a_column(small_cluster):
    policy = small_cluster["policy"]
    html = get(FGW_HOST, q="关于", node=str(policy.id)).content.decode()
    assert "在“政策文件”中搜索" in html
    assert "本站找到相关结果约 2 条" in html


def test_queries_are_logged_for_editors(small_cluster):
    get(PORTAL_HOST, q="营商环境")
    get(PORTAL_HOST, q="营商环境")
    get(PORTAL_HOST, q="火星探测")
    assert QueryLog.objects.get(query="营商环境").count == 2
    zero = QueryLog.objects.get(query="火星探测")
    assert (zero.count, zero.zero_result_count) == (1, 1)
    first_seen = QueryLog.objects.get(query="营商环境").last_searched
    get(PORTAL_HOST, q="营商环境")
    again = QueryLog.objects.get(query="营商环境")
    assert again.count == 3 and again.last_searched > first_seen and again.last_hits > 0


def test_pins_are_looked_up_only_for_pinned_queries(small_cluster):
    """Most queries have no pins; test_pinned_result_comes_first shows a new pin at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get(FGW_HOST, q="关于")
    with CaptureQueriesContext(connection) as queries:
        get(FGW_HOST, q="关于")
    assert not any("search_pinnedresult" in query["sql"] for query in queries.captured_queries)
    logged = [
        query["sql"] for query in queries.captured_queries if "search_querylog" in query["sql"]
    ]
    assert len(logged) == 1 and logged[0].startswith("INSERT")


def test_pinned_result_comes_first(small_cluster):
    html = get(FGW_HOST, q="关于", sort="date").content.decode()
    assert html.index("管道天然气配气价格调整") < html.index("政府投资项目管理")
    PinnedResult.objects.create(query="关于", page=small_cluster["investment"])
    html = get(FGW_HOST, q="关于", sort="date").content.decode()
    assert "置顶" in html
    assert html.index("政府投资项目管理") < html.index("管道天然气配气价格调整")


def test_did_you_mean_for_pinyin_and_near_misses(small_cluster):
    SynonymGroup.objects.create(terms="发改委,发展和改革委员会")
    html = get(PORTAL_HOST, q="yingshanghuanjing", scope="all").content.decode()
    assert "您是不是要找" in html and "营商环境</a>" in html
    html = get(PORTAL_HOST, q="发该委", scope="all").content.decode()
    assert "您是不是要找" in html and "发改委</a>" in html


def test_suggestions_complete_titles(small_cluster):
    response = Client().get("/search/suggest/", {"q": "天然气"}, HTTP_HOST=PORTAL_HOST)
    assert response.json()["suggestions"] == [small_cluster["gas"].title]
