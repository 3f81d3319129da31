"""View restrictions are kept per process, and private sections stay out of every list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from tests.helpers import make_article, make_column, make_organisation, sent_sql

pytestmark = pytest.mark.usefixtures("page_cache_off")

HOST = "fgw.localhost"


@pytest.fixture
def home(db):
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname=HOST, parent=portal)
    for slug, title in (("news", "工作动态"), ("notices", "通知公告"), ("policy", "政策文件")):
        make_article(make_column(fgw.home_page, slug, title=title), f"{slug}-1", title=f"{title}一")
    return fgw.home_page


def get_home(client):
    """(HTML, number of queries reading view restrictions) of one render of the home page."""
    with CaptureQueriesContext(connection) as context:
        response = client.get("/", HTTP_HOST=HOST)
    assert response.status_code == 200
    reads = [
        sql
        for sql in sent_sql(context.captured_queries)
        if "wagtailcore_pageviewrestriction" in sql
    ]
    return response.content.decode(), len(reads)


def test_a_page_view_reads_the_restrictions_once(client, home, settings):
    settings.PAGECACHE_FRAGMENTS = False  # every list is built (not taken from a fragment)
    get_home(client)  # warm per-process caches
    html, reads = get_home(client)
    assert "工作动态一" in html and "通知公告一" in html and "政策文件一" in html
    # the restrictions are kept per process (cluster.site_table): neither the lists nor
    # Wagtail's serving check read them again
    assert reads == 0


def test_a_new_restriction_hides_its_section_from_the_next_view(client, home):
    assert "通知公告一" in get_home(client)[0]
    notices = Page.objects.get(slug="notices")
    PageViewRestriction.objects.create(page=notices, restriction_type="password", password="x")
    html, _reads = get_home(client)
    assert "通知公告一" not in html and "工作动态一" in html
    assert client.get("/notices/notices-1/", HTTP_HOST=HOST).status_code == 200  # password form
    assert "通知公告一" not in client.get("/notices/notices-1/", HTTP_HOST=HOST).content.decode()


def test_outside_a_request_every_call_reads_the_restrictions(home):
    notices = Page.objects.get(slug="notices")
    assert Page.objects.public().filter(pk=notices.pk).exists()
    PageViewRestriction.objects.create(page=notices, restriction_type="password", password="x")
    assert not Page.objects.public().filter(pk=notices.pk).exists()
    assert not Page.objects.public().filter(slug="notices-1").exists()


def test_a_page_moved_into_a_private_section_asks_for_the_password(client, home):
    notices = Page.objects.get(slug="notices")
    PageViewRestriction.objects.create(page=notices, restriction_type="password", password="x")
    article = Page.objects.get(slug="news-1")
    assert "工作动态一" in client.get("/news/news-1/", HTTP_HOST=HOST).content.decode()
    article.move(notices, pos="last-child")
    html = client.get("/notices/news-1/", HTTP_HOST=HOST).content.decode()
    assert "password" in html and "工作动态一</h1>" not in html


def test_an_alias_of_a_private_page_is_private_too(client, home):
    notices = Page.objects.get(slug="notices").specific
    client.get("/", HTTP_HOST=HOST)  # the table is loaded before the alias exists
    PageViewRestriction.objects.create(page=notices, restriction_type="password", password="x")
    alias = notices.create_alias(parent=home, update_slug="notices-copy")
    assert alias.alias_of_id == notices.pk
    html = client.get("/notices-copy/", HTTP_HOST=HOST).content.decode()
    assert "password" in html and "通知公告一" not in html
    news = Page.objects.get(slug="news-1")
    assert client.get("/news/news-1/", HTTP_HOST=HOST).status_code == 200
    assert not news.get_view_restrictions().exists()
