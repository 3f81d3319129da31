"""Every demo site serves its themed home page with footer identifiers and government meta tags."""

import re

import pytest

from catalog.models import DisclosureItemPage
from cluster.demo import content
from cluster.models import ArticlePage, ColumnPage, Submission
from disclosure.approvals.models import ApprovalItem, ApprovalResult, ApprovalSource
from disclosure.models import DisclosureRequest

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DEMO_MODELS = [
    ArticlePage,
    ColumnPage,
    Submission,
    DisclosureItemPage,
    DisclosureRequest,
    ApprovalSource,
    ApprovalItem,
    ApprovalResult,
]


def get(client, hostname, path="/"):
    return client.get(path, HTTP_HOST=hostname)


def test_every_demo_site_wears_its_theme_footer_identifiers_and_meta_tags(client, demo_cluster):
    for spec in content.ORGANISATIONS:
        response = get(client, spec["hostname"])
        assert response.status_code == 200, spec["key"]
        html = response.content.decode()
        assert '<html lang="zh-CN"' in html
        assert f'href="/static/themes/{spec["theme"]}/theme.css"' in html
        for identifier in (
            "site_id_code",
            "icp_number",
            "police_record_number",
            "sponsor",
            "organizer",
        ):
            assert spec[identifier] in html, (spec["key"], identifier)
        assert "党政机关网站标识" in html
        assert f'<meta name="SiteIDCode" content="{spec["site_id_code"]}">' in html
        assert f'<meta name="SiteName" content="{spec["site_name"]}">' in html
        assert 'class="skip-link" href="#main"' in html
        assert "data-elder-toggle" in html
        for column in content.COLUMNS[spec["key"]]:
            assert column["title"] in html, (spec["key"], column["title"])
    portal_html = get(client, "localhost").content.decode()
    for spec in content.ORGANISATIONS[1:]:
        assert spec["name"] in portal_html
    assert "http://fgw.localhost/" in portal_html


def test_article_page_carries_article_meta_tags(client, demo_cluster):
    article = ArticlePage.objects.descendant_of(demo_cluster["fgw"].home_page).first()
    response = get(client, "fgw.localhost", article.relative_url(demo_cluster["fgw"].site))
    html = response.content.decode()
    assert response.status_code == 200
    column = article.get_parent()
    for name, value in [
        ("ArticleTitle", article.title),
        ("PubDate", article.first_published_at.strftime("%Y-%m-%d")),
        ("ContentSource", article.source),
        ("Author", article.author),
        ("ColumnName", column.title),
        ("ColumnType", column.specific.get_column_type_display()),
        ("SiteDomain", "fgw.localhost"),
    ]:
        assert re.search(f'<meta name="{name}" content="{re.escape(value)}[^"]*">', html), name
    assert '<meta name="Url" content="http://fgw.localhost' in html
    assert article.title in html


def test_column_lists_referenced_pages_from_other_sites_without_copying(client, demo_cluster):
    from cluster.models import ColumnEntry

    portal_column = ColumnPage.objects.child_of(demo_cluster["portal"].home_page).first()
    department_article = ArticlePage.objects.descendant_of(demo_cluster["czj"].home_page).first()
    ColumnEntry.objects.create(column=portal_column, page=department_article)
    count = ArticlePage.objects.count()
    html = get(
        client, "localhost", portal_column.relative_url(demo_cluster["portal"].site)
    ).content.decode()
    assert department_article.title in html
    assert (
        f"http://czj.localhost{department_article.relative_url(demo_cluster['czj'].site)}" in html
    )
    assert ArticlePage.objects.count() == count


def test_column_page_paginates(client, demo_cluster):
    column = ColumnPage.objects.child_of(demo_cluster["portal"].home_page).first().specific
    column.per_page = 1
    column.save_revision().publish()
    path = column.relative_url(demo_cluster["portal"].site)
    html = get(client, "localhost", path).content.decode()
    assert "第 1 / " in html and 'rel="next"' in html
    assert get(client, "localhost", path + "?page=999").status_code == 200


def test_load_demo_is_idempotent(client, demo_cluster):
    """Running the demo again (every app's part of it) duplicates nothing."""
    from cluster.demo.loader import load_demo

    def counts():
        return {model.__name__: model.objects.count() for model in DEMO_MODELS}

    before = counts()
    load_demo(port=80, log=lambda message: None)
    assert counts() == before


def test_demo_has_one_submission_per_outcome_and_the_accepted_ones_show(client, demo_cluster):
    assert set(Submission.objects.values_list("status", flat=True)) == {
        "accepted",
        "pending",
        "returned",
    }
    accepted = Submission.objects.filter(status="accepted").select_related("page", "column").first()
    path = accepted.column.relative_url(demo_cluster["portal"].site)
    assert accepted.page.title in get(client, "localhost", path).content.decode()
