"""Short stable addresses of articles and items, and 301s from the long ones they replace."""

import re

import pytest
from django.apps import apps
from django.test import Client
from wagtail.models import Page

from cluster.models import ArticlePage
from cluster.short_urls import convert_long_slugs, is_long_slug
from tests.helpers import add_page, make_column, make_organisation

LONG_TITLE = "云溪市发展和改革委员会关于印发《云溪市进一步优化营商环境若干措施》的通知"


@pytest.fixture
def column(db):
    department = make_organisation("fgw", hostname="fgw.localhost")
    return make_column(department.home_page, "gzdt", title="工作动态")


def test_a_new_article_titled_in_chinese_gets_a_short_address(column):
    article = add_page(column, ArticlePage(title=LONG_TITLE, slug=LONG_TITLE, body="<p>正文</p>"))
    assert re.fullmatch(r"t\d{8}_\d+", article.slug)
    assert len(article.url) < 40
    assert Client().get(article.url, HTTP_HOST="fgw.localhost").status_code == 200
    # a title edit keeps the address
    article.title = "（修订）" + LONG_TITLE
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.url.endswith(f"/{article.slug}/") and re.fullmatch(r"t\d{8}_\d+", article.slug)


def test_a_short_ascii_slug_an_editor_chose_is_kept(column):
    article = add_page(column, ArticlePage(title=LONG_TITLE, slug="yshj-2026", body="<p>x</p>"))
    assert article.slug == "yshj-2026"
    assert is_long_slug(LONG_TITLE) and is_long_slug("x" * 41) and not is_long_slug("gkyd")


def test_existing_long_addresses_are_shortened_and_redirect(column):
    article = add_page(column, ArticlePage(title=LONG_TITLE, slug="temp", body="<p>x</p>"))
    long_path = f"{column.url_path}{LONG_TITLE}/"
    Page.objects.filter(id=article.id).update(slug=LONG_TITLE, url_path=long_path)
    client = Client()

    assert convert_long_slugs(apps, "cluster.ArticlePage") == 1

    article.refresh_from_db()
    assert re.fullmatch(rf"t\d{{8}}_{article.id}", article.slug)
    assert article.get_latest_revision().content["slug"] == article.slug
    response = client.get(f"/gzdt/{LONG_TITLE}/", HTTP_HOST="fgw.localhost")
    assert response.status_code == 301
    assert response["Location"].endswith(f"/gzdt/{article.slug}/")
    assert client.get(response["Location"], HTTP_HOST="fgw.localhost").status_code == 200
