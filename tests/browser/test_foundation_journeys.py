"""Foundation journeys in a real browser: themed public pages, 长者模式, refused editors."""

from tests.browser.conftest import assert_accessible, log_in, screenshot

FIRST_ARTICLE = (
    "from cluster.models import ArticlePage, Organisation; "
    "o = Organisation.objects.get(slug='{slug}'); "
    "a = ArticlePage.objects.live().descendant_of(o.home_page).order_by('id').first(); "
    "print(a.id, a.relative_url(o.site), a.title, sep='|')"
)


def first_article(demo_server, slug):
    page_id, path, title = demo_server.shell(FIRST_ARTICLE.format(slug=slug)).split("|")
    return int(page_id), path, title


def test_public_page_types_have_no_serious_accessibility_violations(page, demo_server):
    page.goto(demo_server.url("portal"))
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert_accessible(page, "portal-home-red")
    page.goto(demo_server.url("fgw"))
    assert "theme-blue" in page.locator("html").get_attribute("class")
    assert_accessible(page, "fgw-home-blue")
    with page.expect_navigation():
        page.click("nav.site-nav >> text=通知公告")
    assert page.locator("h1").inner_text() == "通知公告"
    assert_accessible(page, "fgw-column")
    _id, path, title = first_article(demo_server, "czj")
    page.goto(demo_server.url("czj", path))
    assert page.locator("h1").inner_text() == title
    assert_accessible(page, "czj-article")


def test_skip_link_is_first_and_focus_is_visible(page, demo_server):
    page.goto(demo_server.url("portal"))
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"


def test_elder_mode_enlarges_text_and_persists_across_pages(page, demo_server):
    page.goto(demo_server.url("portal"))
    font_size = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"
    normal = page.evaluate(font_size)
    page.click("[data-elder-toggle]")
    assert page.get_attribute("[data-elder-toggle]", "aria-pressed") == "true"
    with page.expect_navigation():
        page.click("nav.site-nav >> text=通知公告")
    assert page.evaluate(font_size) >= normal * 1.3
    assert page.get_attribute("[data-elder-toggle]", "aria-pressed") == "true"
    assert_accessible(page, "portal-column-elder-mode")
    page.click("[data-elder-toggle]")
    page.reload()
    assert "elder-mode" not in (page.locator("html").get_attribute("class") or "")


def test_public_pages_fit_a_phone_screen(phone, demo_server):
    phone.goto(demo_server.url("czj"))
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    screenshot(phone, "czj-home-phone")


def test_editor_of_another_organisation_is_refused(page, demo_server):
    own_id, _path, own_title = first_article(demo_server, "fgw")
    other_id, _path, _title = first_article(demo_server, "czj")
    log_in(page, demo_server.url("portal", "/admin/login/"), "fgw_editor")
    page.goto(demo_server.url("portal", f"/admin/pages/{own_id}/edit/"))
    assert page.locator("input[name=title]").input_value() == own_title
    page.goto(demo_server.url("portal", f"/admin/pages/{other_id}/edit/"))
    assert f"/admin/pages/{other_id}/edit/" not in page.url
    assert page.locator("input[name=title]").count() == 0
    assert "没有权限" in page.content()
    screenshot(page, "editor-refused")
