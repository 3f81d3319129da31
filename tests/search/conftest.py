"""Fixtures for search tests: a small two-site cluster with articles, indexed as on commit."""

import os
import uuid

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from search import engine, service
from tests.helpers import make_column, make_organisation

from .helpers import FGW_HOST, PORTAL_HOST, dated, make_article


@pytest.fixture(autouse=True)
def _search_settings(settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.ELASTICSEARCH_URL = ""  # the database backend unless a test asks for `elastic`
    settings.SEARCH_REFRESH = True  # make Elasticsearch writes visible at once
    engine.reset_breaker()
    cache.clear()
    yield
    engine.reset_breaker()


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run the indexing queued by page signals at the end of the block (as on commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def small_cluster(db, indexed):
    """A portal and a department site, each with a few articles, indexed."""
    with indexed():
        portal = make_organisation("portal", hostname=PORTAL_HOST, name="示例市人民政府")
        fgw = make_organisation(
            "fgw", hostname=FGW_HOST, parent=portal, name="示例市发展和改革委员会"
        )
        news = make_column(portal.home_page, "news", title="要闻")
        policy = make_column(fgw.home_page, "policy", title="政策文件")
        articles = {
            "business": dated(
                make_article(
                    news,
                    "business",
                    title="示例市人民政府办公室关于印发《进一步优化营商环境若干措施》的通知",
                    summary="推出三十条惠企措施",
                    keywords="营商环境,惠企政策",
                    body="<p>为持续优化营商环境，激发市场主体活力，制定本措施。</p>",
                ),
                "2025-06-10",
            ),
            "investment": dated(
                make_article(
                    policy,
                    "investment",
                    title="示例市发展和改革委员会关于印发《政府投资项目管理实施细则》的通知",
                    summary="规范政府投资项目管理",
                    body="<p>政府投资项目实行审批制，项目单位应当编制项目建议书。</p>",
                ),
                "2026-07-15",
            ),
            "gas": dated(
                make_article(
                    policy,
                    "gas",
                    title="关于召开城区管道天然气配气价格调整听证会的公告",
                    summary="听证会定于十二月召开",
                    body="<p>根据价格法，市发展改革委决定召开管道天然气配气价格听证会。</p>",
                ),
                "2026-11-17",
            ),
        }
    # Index again now that the publication dates are back-dated.
    service.index_keys([f"article:{page.id}" for page in articles.values()])
    return {"portal": portal, "fgw": fgw, "news": news, "policy": policy, **articles}


def _elastic_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")


def _elastic_client():
    from elasticsearch import Elasticsearch

    return Elasticsearch(_elastic_url(), request_timeout=30)


def _private_prefix() -> str:
    return f"{django_settings.SEARCH_INDEX_PREFIX}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def _module_indexes():
    """One index prefix per module: its indexes are created by the first test that writes.

    Creating the four indexes (one per content type) cost each test about two seconds; the
    tests share them and start from empty indexes instead (see `elastic`).
    """
    client, prefix = _elastic_client(), _private_prefix()
    yield client, prefix
    client.indices.delete(index=f"{prefix}-*", ignore_unavailable=True)


@pytest.fixture
def elastic(settings, _module_indexes):
    """Elasticsearch (services profile), on indexes shared by the module, emptied after each test.

    The database is rolled back after each test and page ids are reused, so every document a
    test wrote is deleted (and the deletion made visible) before the next test.
    """
    client, prefix = _module_indexes
    settings.ELASTICSEARCH_URL = _elastic_url()
    settings.SEARCH_INDEX_PREFIX = prefix
    yield client
    _empty(client, f"{prefix}-*")


def _empty(client, pattern: str) -> None:
    """Delete every document of the indexes matching `pattern`, visibly to the next search.

    (The test node is the bare integ-test distribution: no delete_by_query, which lives in the
    reindex module.)"""
    where = {"index": pattern, "ignore_unavailable": True, "allow_no_indices": True}
    client.indices.refresh(**where)
    hits = client.search(**where, size=10_000, source=False)["hits"]["hits"]
    if hits:
        deletes = [{"delete": {"_index": hit["_index"], "_id": hit["_id"]}} for hit in hits]
        client.bulk(operations=deletes, refresh=True)
    assert client.count(**where)["count"] == 0, "documents left for the next test"


@pytest.fixture
def elastic_own_indexes(settings):
    """Elasticsearch with indexes of the test's own, removed afterwards: for tests that create,
    switch or delete indexes."""
    client, prefix = _elastic_client(), _private_prefix()
    settings.ELASTICSEARCH_URL = _elastic_url()
    settings.SEARCH_INDEX_PREFIX = prefix
    yield client
    client.indices.delete(index=f"{prefix}-*", ignore_unavailable=True)
