"""Surrogate keys for the HTTP cache, and purges sent to every node (cluster.pagecache.edge).

A small HTTP server in this process stands in for a cache node and records the PURGE requests
it receives; the tests through Varnish itself are in tests/faults/test_http_cache.py.
"""

import http.server
import threading

import pytest

from cluster.pagecache import edge
from tests.helpers import make_article, make_column, make_organisation

HOST = "fgw.localhost"


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received: list[str] = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.received.append(self.headers["xkey-purge"])
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def node(settings):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.HTTP_CACHE_NODES = [f"http://127.0.0.1:{server.server_port}"]
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(db):
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname=HOST, parent=portal)
    news = make_column(fgw.home_page, "news")
    return {"news": news, "article": make_article(news, "a1", title="通知")}


def test_cacheable_pages_carry_their_tags_as_surrogate_keys(client, site, node):
    response = client.get("/news/a1/", HTTP_HOST=HOST)
    keys = set(response["xkey"].split())
    assert {f"page:{site['article'].pk}", f"page:{site['news'].pk}", "all"} <= keys
    assert response["Cache-Control"].startswith("public, s-maxage=")
    hit = client.get("/news/a1/", HTTP_HOST=HOST)
    assert hit["X-Cache"] == "hit" and set(hit["xkey"].split()) == keys
    client.cookies["sessionid"] = "someone"
    assert "xkey" not in client.get("/news/a1/", HTTP_HOST=HOST)


def test_no_surrogate_keys_without_an_http_cache(client, site, settings):
    settings.HTTP_CACHE_NODES = []
    response = client.get("/news/a1/", HTTP_HOST=HOST)
    assert response.status_code == 200 and "xkey" not in response


def test_publishing_purges_the_affected_keys_on_every_node(
    site, node, django_capture_on_commit_callbacks
):
    article = site["article"]
    article.title = "通知（修订）"
    with django_capture_on_commit_callbacks(execute=True):  # purges are sent after commit
        article.save_revision().publish()
    sent = set(" ".join(node).split())
    assert {f"page:{article.pk}", f"children:{site['news'].pk}"} <= sent
    assert "all" not in sent  # only what the change affects


def test_an_unreachable_node_is_retried_not_dropped(site, settings):
    from cluster.pagecache.tasks import MAX_RETRIES, purge_http_cache

    settings.HTTP_CACHE_NODES = ["http://127.0.0.1:9"]  # nothing listens on the discard port
    assert purge_http_cache.max_retries == MAX_RETRIES and purge_http_cache.retry_backoff
    with pytest.raises(OSError):
        purge_http_cache.apply(("http://127.0.0.1:9", "page:1"), retries=MAX_RETRIES).get()


def test_long_purges_are_split_into_header_sized_batches():
    tags = {f"page:{n}" for n in range(3000)}
    batches = edge.key_batches(tags)
    assert len(batches) > 1 and all(len(b) <= edge.PURGE_HEADER_LIMIT for b in batches)
    assert set(" ".join(batches).split()) == tags
