"""Elasticsearch unreachable: search answers from the database and says so; pages published or
changed meanwhile wait in the backlog and reach the index when the node is back.

The application reaches the session's Elasticsearch node through a relay that the test cuts
(servers.TcpProxy): new connections are refused and the client's kept-alive ones break, which
is what a stopped node is to its clients. The node itself is shared with the other tests, and
starting a private one (twice: down, then back) cost this test about a minute of both cores.
"""

import re
import urllib.parse
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from elasticsearch import Elasticsearch

from search import engine, service
from search.documents import alias_name
from search.models import IndexBacklog, SearchEntry
from search.tasks import flush_backlog
from tests.search import conftest as search_fixtures
from tests.search.helpers import PORTAL_HOST, make_article

from .servers import TcpProxy, wait_until

pytestmark = [pytest.mark.services, pytest.mark.slow]

FALLBACK = "全文检索服务暂时不可用"

# The search tests' fixtures: a small indexed two-site cluster, on-commit indexing.
_search_settings = search_fixtures._search_settings
indexed = search_fixtures.indexed
small_cluster = search_fixtures.small_cluster


@pytest.fixture
def es_node():
    """The shared node behind a relay: `stop()` and `start()` cut it off and bring it back."""
    shared = urllib.parse.urlsplit(search_fixtures._elastic_url())
    relay = TcpProxy(shared.hostname, shared.port).start()
    yield relay
    relay.stop()


@pytest.fixture
def on_private_node(settings, es_node):
    """The application on its own indexes of the shared node, reached through the relay."""
    prefix = search_fixtures._private_prefix()
    settings.ELASTICSEARCH_URL = es_node.url
    settings.SEARCH_INDEX_PREFIX = prefix
    settings.SEARCH_BREAKER_SECONDS = 1  # retry the node soon after it returns
    engine.forget_ensured_indices()
    engine.reset_breaker()
    yield Elasticsearch(es_node.url, request_timeout=30)
    engine.reset_breaker()
    engine.forget_ensured_indices()
    search_fixtures._elastic_client().indices.delete(index=f"{prefix}-*", ignore_unavailable=True)


def search_page(query):
    """Status and text (tags removed: query words are highlighted) of the search page."""
    response = Client().get("/search/", {"q": query}, HTTP_HOST=PORTAL_HOST)
    return response.status_code, re.sub(r"<[^>]+>", "", response.content.decode())


def node_answers(client):
    """Wait until the node answers the service's 1-second health check (a node that has just
    started, on a busy machine, can be slower than that at first)."""
    client.cluster.health(wait_for_status="yellow", timeout="60s")

    def healthy():
        engine.reset_breaker()
        return engine.elastic_available()

    wait_until(healthy, 60, "the service's health check does not pass", interval=1)


def in_index(client, key):
    client.indices.refresh(index=alias_name("article"))
    return client.options(ignore_status=404).get(index=alias_name("article"), id=key)


def test_search_falls_back_and_indexing_catches_up(
    on_private_node, small_cluster, indexed, es_node
):
    client = on_private_node
    business = small_cluster["business"]
    node_answers(client)
    service.index_keys(SearchEntry.objects.values_list("key", flat=True))  # if a write timed out
    assert not IndexBacklog.objects.exists()
    assert service.search("营商环境").backend == "elasticsearch"

    es_node.stop()
    status, html = search_page("营商环境")
    assert status == 200
    assert FALLBACK in html and business.title in html  # from the database records

    # Published and changed while the node is down: the database records follow at once.
    with indexed():
        flood = make_article(small_cluster["news"], "flood", title="汛期防汛应急预案的通知")
        business.title = "关于进一步优化营商环境的补充通知"
        business.save_revision().publish()
    keys = {f"article:{flood.pk}", f"article:{business.pk}"}
    assert set(IndexBacklog.objects.values_list("key", flat=True)) == keys
    assert SearchEntry.objects.get(key=f"article:{business.pk}").title == business.title
    status, html = search_page("防汛应急预案")
    assert status == 200 and FALLBACK in html and "汛期防汛应急预案的通知" in html
    assert flush_backlog() == 0  # the beat job leaves the backlog alone while the node is down

    es_node.start()
    node_answers(client)
    assert flush_backlog() == 2  # what the beat job (every minute) does
    assert not IndexBacklog.objects.exists()
    assert (
        in_index(client, f"article:{flood.pk}")["_source"]["display_title"]
        == "汛期防汛应急预案的通知"
    )
    assert in_index(client, f"article:{business.pk}")["_source"]["display_title"] == business.title
    status, html = search_page("防汛应急预案")
    assert status == 200 and FALLBACK not in html and "汛期防汛应急预案的通知" in html
    out = StringIO()
    call_command("search_check", stdout=out)
    assert "索引与内容一致" in out.getvalue()
