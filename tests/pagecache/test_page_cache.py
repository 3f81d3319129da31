"""Published pages are served from the cache and purged precisely when what they show changes."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cluster.models import ArticlePage, ColumnEntry, SiteSettings
from tests.helpers import DEPT_HOST, PORTAL_HOST, make_article, make_column, make_user

from .helpers import fetch

# The cache backend differs between profiles (local memory / Redis): run in both.
pytestmark = pytest.mark.backends


def path(page):
    return page.get_url_parts()[2]


def republish(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_second_anonymous_view_is_served_from_the_cache(client, columns):
    first_state, first = fetch(client, path(columns["news"]))
    second_state, second = fetch(client, path(columns["news"]))
    assert (first_state, second_state) == ("miss", "hit")
    assert first == second and "共享文章甲" in second


def test_a_hit_runs_no_database_query(client, columns):
    fetch(client, path(columns["news"]))
    with CaptureQueriesContext(connection) as queries:
        assert fetch(client, path(columns["news"]))[0] == "hit"
    assert queries.captured_queries == []


def test_head_is_answered_from_the_cached_get_without_a_body(client, columns):
    fetch(client, path(columns["news"]))
    response = client.head(path(columns["news"]), HTTP_HOST=PORTAL_HOST)
    assert response.status_code == 200 and response["X-Cache"] == "hit"
    assert response.content == b""


def test_query_strings_are_cached_separately(client, columns):
    fetch(client, path(columns["news"]))
    state, _ = fetch(client, path(columns["news"]) + "?page=2")
    assert state == "miss"


def test_publishing_a_page_purges_it_its_column_and_the_home_page_only(client, columns):
    urls = {name: path(columns[name]) for name in ("shared", "news", "notices", "policies")} | {
        "home": "/"
    }
    for url in urls.values():
        fetch(client, url)
    republish(columns["shared"], title="共享文章甲（修订）")
    for name in ("shared", "news", "notices", "home"):
        state, text = fetch(client, urls[name])
        assert state == "miss" and "共享文章甲（修订）" in text, name
    assert fetch(client, urls["policies"])[0] == "hit"


def test_an_item_shown_in_two_columns_is_purged_from_both_and_nowhere_else(client, columns):
    referenced_in = [columns["news"], columns["notices"]]
    for column in [*referenced_in, columns["policies"]]:
        fetch(client, path(column))
    rule = ArticlePage.objects.get(slug="rule")
    fetch(client, path(rule))
    republish(columns["shared"], title="两个栏目都显示的新标题")
    for column in referenced_in:
        state, text = fetch(client, path(column))
        assert state == "miss" and "两个栏目都显示的新标题" in text
    assert fetch(client, path(columns["policies"]))[0] == "hit"
    assert fetch(client, path(rule))[0] == "hit"


def test_a_new_article_appears_at_once_in_its_column_and_on_the_home_page(client, columns):
    fetch(client, "/")
    fetch(client, path(columns["news"]))
    make_article(columns["news"], "fresh", title="刚发布的新闻")
    assert "刚发布的新闻" in fetch(client, path(columns["news"]))[1]
    assert "刚发布的新闻" in fetch(client, "/")[1]


def test_referencing_a_page_in_another_column_purges_that_column(client, columns):
    fetch(client, path(columns["policies"]))
    ColumnEntry.objects.create(column=columns["policies"], page=columns["shared"])
    state, text = fetch(client, path(columns["policies"]))
    assert state == "miss" and "共享文章甲" in text


def test_unpublished_page_is_gone_from_its_address_and_every_list(client, columns):
    shared = columns["shared"]
    for url in (path(shared), path(columns["news"]), path(columns["notices"]), "/"):
        fetch(client, url)
    shared.unpublish()
    assert client.get(path(shared), HTTP_HOST=PORTAL_HOST).status_code == 404
    for url in (path(columns["news"]), path(columns["notices"]), "/"):
        assert "共享文章甲" not in fetch(client, url)[1]


def test_navigation_change_purges_every_page_of_the_site(client, columns):
    rule = ArticlePage.objects.get(slug="rule")
    fetch(client, path(rule))
    republish(columns["notices"], show_in_menus=False)
    state, text = fetch(client, path(rule))
    assert state == "miss"
    assert 'href="/notices/">通知公告' not in text


def test_theme_and_footer_change_purge_that_site_only(client, columns, dept):
    make_article(make_column(dept.home_page, "dept-news"), "dept-item", title="发改委动态")
    fetch(client, path(columns["shared"]))
    fetch(client, "/", host=DEPT_HOST)
    settings = SiteSettings.for_site(columns["shared"].get_site())
    settings.theme = "blue"
    settings.sponsor = "云溪市人民政府办公室（新）"
    settings.save()
    state, text = fetch(client, path(columns["shared"]))
    assert state == "miss" and "theme-blue" in text and "云溪市人民政府办公室（新）" in text
    assert fetch(client, "/", host=DEPT_HOST)[0] == "hit"


def test_organisation_rename_reaches_the_portal_directory(client, columns, dept):
    fetch(client, "/")
    dept.name = "云溪市发展和改革局"
    dept.save()
    assert "云溪市发展和改革局" in fetch(client, "/")[1]


def test_logged_in_editor_always_gets_a_fresh_page_and_it_is_not_stored(client, columns, portal):
    news = columns["news"]
    fetch(client, path(news))
    ArticlePage.objects.filter(pk=columns["shared"].pk).update(title="未经发布流程的改动")
    assert fetch(client, path(news))[0] == "hit"  # a raw update sends no signal
    client.force_login(make_user("editor", portal, "editor"))
    state, text = fetch(client, path(news))
    assert state == "bypass" and "未经发布流程的改动" in text
    client.logout()
    client.cookies.clear()
    state, text = fetch(client, path(news))
    assert state == "hit" and "未经发布流程的改动" not in text


def test_post_is_never_served_from_or_stored_in_the_cache(client, columns):
    fetch(client, path(columns["news"]))
    response = client.post(path(columns["news"]), {"q": "x"}, HTTP_HOST=PORTAL_HOST)
    assert response["X-Cache"] == "bypass"
    assert fetch(client, path(columns["news"]))[0] == "hit"


def test_forms_with_csrf_tokens_and_request_pages_are_not_cached(client, portal):
    first = client.get("/ysqgk/", HTTP_HOST=PORTAL_HOST)
    second = client.get("/ysqgk/", HTTP_HOST=PORTAL_HOST)
    assert first.status_code == second.status_code == 200
    assert "X-Cache" not in second
    assert first.content != second.content  # each form carries its own token and captcha


def test_private_pages_are_never_cached(client, columns):
    PageViewRestriction.objects.create(
        page=columns["policies"], restriction_type="password", password="secret"
    )
    response = client.get(path(columns["policies"]), HTTP_HOST=PORTAL_HOST)
    assert response["X-Cache"] == "bypass"
    assert "无关的政策" not in response.content.decode()


def test_making_a_cached_page_private_purges_it(client, columns):
    fetch(client, path(columns["policies"]))
    PageViewRestriction.objects.create(
        page=columns["policies"], restriction_type="password", password="secret"
    )
    response = client.get(path(columns["policies"]), HTTP_HOST=PORTAL_HOST)
    assert response["X-Cache"] == "bypass"


def test_search_results_are_not_cached(client, columns):
    response = client.get("/search/", {"q": "共享"}, HTTP_HOST=PORTAL_HOST)
    assert "X-Cache" not in response


def test_clear_pagecache_command_invalidates_everything(client, columns):
    from django.core.management import call_command

    fetch(client, path(columns["news"]))
    call_command("clear_pagecache")
    assert fetch(client, path(columns["news"]))[0] == "miss"


@pytest.mark.services
def test_services_profile_keeps_pages_in_redis(client, columns):
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["pagecache"], RedisCache)
    fetch(client, path(columns["news"]))
    assert fetch(client, path(columns["news"]))[0] == "hit"
    republish(columns["shared"], title="Redis中的新标题")
    state, text = fetch(client, path(columns["news"]))
    assert state == "miss" and "Redis中的新标题" in text
