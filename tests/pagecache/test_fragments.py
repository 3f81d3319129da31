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


def menu_queries(client):
    with CaptureQueriesContext(connection) as context:
        response = client.get("/news/", HTTP_HOST=HOST)
    html = response.content.decode()
    nav = html.split('aria-label="主导航"')[1].split("</nav>")[0]
    menu = [
        q for q in context.captured_queries if "show_in_menus" in q["sql"].split("WHERE", 1)[-1]
    ]
    return nav, menu


def test_navigation_is_computed_once_and_purged_by_a_new_column(client, site):
    nav, menu = menu_queries(client)
    assert "工作动态" in nav and 'aria-current="page"' in nav and len(menu) == 1
    nav, menu = menu_queries(client)
    assert "工作动态" in nav and 'aria-current="page"' in nav and menu == []

    make_column(site["home"], "policy", title="政策文件")  # a new menu entry under the root
    nav, menu = menu_queries(client)
    assert "政策文件" in nav and len(menu) == 1

    site["news"].title = "新闻动态"
    site["news"].save_revision().publish()
    nav, _menu = menu_queries(client)
    assert "新闻动态" in nav and "工作动态" not in nav


def test_fragments_can_be_turned_off(client, site, settings):
    settings.PAGECACHE_FRAGMENTS = False
    menu_queries(client)
    assert len(menu_queries(client)[1]) == 1
