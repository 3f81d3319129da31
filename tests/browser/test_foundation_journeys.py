"""Foundation journeys in a real browser: themed public pages, 长者模式, refused editors."""

import pytest

from cluster.models import ArticlePage, Organisation
from tests.browser.conftest import assert_accessible, log_in, screenshot

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]


def article_path(organisation_slug):
    organisation = Organisation.objects.get(slug=organisation_slug)
    article = ArticlePage.objects.live().descendant_of(organisation.home_page).first()
    return article.relative_url(organisation.site), article


def test_public_page_types_have_no_serious_accessibility_violations(page, demo_site):
    page.goto(demo_site("portal"))
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert_accessible(page, "portal-home-red")
    page.goto(demo_site("fgw"))
    assert "theme-blue" in page.locator("html").get_attribute("class")
    assert_accessible(page, "fgw-home-blue")
    page.click("nav.site-nav >> text=通知公告")
    assert page.locator("h1").inner_text() == "通知公告"
    assert_accessible(page, "fgw-column")
    path, article = article_path("czj")
    page.goto(demo_site("czj", path))
    assert page.locator("h1").inner_text() == article.title
    assert_accessible(page, "czj-article")


def test_skip_link_is_first_and_focus_is_visible(page, demo_site):
    page.goto(demo_site("portal"))
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.className")
    assert focused == "skip-link"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"


def test_elder_mode_enlarges_text_and_persists_across_pages(page, demo_site):
    page.goto(demo_site("portal"))
    normal = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.click("[data-elder-toggle]")
    assert page.get_attribute("[data-elder-toggle]", "aria-pressed") == "true"
    page.click("nav.site-nav >> text=通知公告")
    large = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert large >= normal * 1.3
    assert page.get_attribute("[data-elder-toggle]", "aria-pressed") == "true"
    assert_accessible(page, "portal-column-elder-mode")
    page.click("[data-elder-toggle]")
    page.reload()
    assert "elder-mode" not in (page.locator("html").get_attribute("class") or "")


def test_public_pages_fit_a_phone_screen(phone, demo_site):
    phone.goto(demo_site("czj"))
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone, "czj-home-phone")


def test_editor_of_another_organisation_is_refused(page, demo_site):
    own_path, own_article = article_path("fgw")
    _other_path, other_article = article_path("czj")
    log_in(page, demo_site("portal", "/admin/login/"), "fgw_editor")
    page.goto(demo_site("portal", f"/admin/pages/{own_article.id}/edit/"))
    assert page.locator("input[name=title]").input_value() == own_article.title
    page.goto(demo_site("portal", f"/admin/pages/{other_article.id}/edit/"))
    assert f"/admin/pages/{other_article.id}/edit/" not in page.url
    assert page.locator("input[name=title]").count() == 0
    assert "没有权限" in page.content()
    screenshot(page, "editor-refused")
