"""The database backend (SQLite FTS5 here, PostgreSQL tsvector in the services profile)."""

import pytest
from django.db import connection

from search import service
from search.models import SearchEntry, SynonymGroup

pytestmark = pytest.mark.backends


def titles(results):
    return [hit.title for hit in results.hits]


def test_chinese_words_are_found_inside_longer_titles(small_cluster):
    results = service.search("营商环境")
    assert results.backend == "database"
    assert titles(results) == [small_cluster["business"].title]
    assert not results.relaxed and not results.degraded


def test_every_word_must_match_before_relaxing(small_cluster):
    results = service.search("政府投资 审批制")
    assert titles(results) == [small_cluster["investment"].title]
    assert service.search("营商环境 天然气").relaxed  # no article has both


def test_traditional_and_full_width_queries_match_simplified_text(small_cluster):
    assert titles(service.search("營商環境")) == [small_cluster["business"].title]
    assert titles(service.search("天然气　配气价格")) == [small_cluster["gas"].title]


def test_typo_falls_back_to_character_matching(small_cluster):
    results = service.search("配汽价格听证")
    assert results.relaxed
    assert titles(results)[0] == small_cluster["gas"].title


def test_synonyms_expand_abbreviations(small_cluster):
    assert service.search("发改委 投资").relaxed  # without the synonym no title has both
    SynonymGroup.objects.create(terms="发改委，发展和改革委员会")
    results = service.search("发改委 投资")
    assert titles(results) == [small_cluster["investment"].title]
    assert not results.relaxed


def test_facets_count_organisations_and_years(small_cluster):
    results = service.search("关于")
    facets = dict(results.facets["organisation"])
    assert facets == {"示例市人民政府": 1, "示例市发展和改革委员会": 2}
    assert dict(results.facets["year"]) == {"2026": 2, "2025": 1}
    assert dict(results.facets["content_type"]) == {"article": 3}
    filtered = service.search("关于", filters={"year": "2025"})
    assert titles(filtered) == [small_cluster["business"].title]


def test_scope_limits_to_the_sites_pages(small_cluster):
    fgw_root = small_cluster["fgw"].home_page
    results = service.search("关于", scope_path=fgw_root.path)
    assert set(titles(results)) == {small_cluster["investment"].title, small_cluster["gas"].title}


def test_sort_by_date_and_pagination(small_cluster):
    by_date = service.search("关于", sort="date")
    assert titles(by_date) == [
        small_cluster["gas"].title,
        small_cluster["investment"].title,
        small_cluster["business"].title,
    ]
    second = service.search("关于", sort="date", page=2, per_page=2)
    assert second.total == 3
    assert titles(second) == [small_cluster["business"].title]


@pytest.mark.parametrize(
    "query, found",
    [
        ('"营商', True),
        ("营商 AND OR NOT", True),
        ("NEAR(营商 环境)", True),
        ("营商*", True),
        ("营商\x00环境", True),
        ("'&|!():", False),
        ("\\", False),
        ("^-+", False),
    ],
)
def test_query_syntax_characters_are_plain_text(small_cluster, query, found):
    results = service.search(query)  # never raises, whatever the engine's own syntax
    business = small_cluster["business"].title
    if found:  # the operators are words like any other, the word 营商 still finds its page
        assert business in titles(results)
    else:  # nothing searchable is left
        assert results.total == 0 and titles(results) == []


def test_index_uses_the_right_full_text_engine(small_cluster):
    entry = SearchEntry.objects.get(title=small_cluster["business"].title)
    assert "营商" in entry.title_tokens.split()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid FROM search_searchentry_fts WHERE search_searchentry_fts MATCH ?",
                ['"营商"'],
            )
        else:
            cursor.execute(
                "SELECT id FROM search_searchentry WHERE search_vector @@ to_tsquery('simple', %s)",
                ["营商"],
            )
        assert [row[0] for row in cursor.fetchall()] == [entry.id]
