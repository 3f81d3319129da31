"""Navigation is a cached fragment: computed once per site, purged with the pages it lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import make_column, make_organisation

pytestmark = pytest.mark.usefixtures("page_cache_off")  # fragments work on uncached pages too

HOST = "fgw.localhost"


@pytest.fixture
def site(db):
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname=HOST, parent=portal)
    news = make_column(fgw.home_page, "news", title="工作动态")
    return {"home": fgw.home_page, "news": news}


def render(client):
    """(navigation HTML, number of queries) of one uncached render of the column page."""
    with CaptureQueriesContext(connection) as context:
        response = client.get("/news/", HTTP_HOST=HOST)
    nav = response.content.decode().split('aria-label="主导航"')[1].split("</nav>")[0]
    return nav, len(context.captured_queries)


def test_navigation_is_computed_once_and_purged_by_a_new_column(client, site, settings):
    settings.PAGECACHE_FRAGMENTS = False
    render(client)  # warm per-process caches (content types, site root paths)
    settings.PAGECACHE_FRAGMENTS = True
    nav, computed = render(client)
    assert "工作动态" in nav and 'aria-current="page"' in nav
    nav, reused = render(client)
    assert "工作动态" in nav and 'aria-current="page"' in nav
    assert reused == computed - 1  # the menu query is gone

    make_column(site["home"], "policy", title="政策文件")  # a new menu entry under the root
    nav, recomputed = render(client)
    assert "政策文件" in nav and recomputed == computed

    site["news"].title = "新闻动态"
    site["news"].save_revision().publish()
    nav, _count = render(client)
    assert "新闻动态" in nav and "工作动态" not in nav


def test_fragments_can_be_turned_off(client, site, settings):
    settings.PAGECACHE_FRAGMENTS = False
    render(client)  # warm
    assert render(client)[1] == render(client)[1]
    off = render(client)[1]
    settings.PAGECACHE_FRAGMENTS = True
    render(client)
    assert render(client)[1] == off - 1


def test_the_first_render_with_a_new_fragment_is_kept_by_the_page_cache(client, site, settings):
    """A fragment's tags are dated from the start of the page that computes it: otherwise the
    page itself would look rendered before a purge, and the first visitor's copy be dropped."""
    from cluster.pagecache import store

    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_FRAGMENTS = True
    store.cache().clear()  # no tag versions yet, as on a fresh or evicted cache
    first = client.get("/news/", HTTP_HOST=HOST)
    second = client.get("/news/", HTTP_HOST=HOST)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
