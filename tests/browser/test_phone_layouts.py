"""No public page scrolls sideways on a 390 px phone, also in 长者模式; 长者模式 switches off again;
the application form shows one applicant type at a time and stays accessible with errors;
the cache tier's maintenance pages (application down) read on a phone too."""

import pytest

from tests.browser.conftest import assert_accessible, screenshot

PHONE_WIDTH = 390
PATHS = (
    "from catalog.models import DisclosureItemPage; from cluster.models import ArticlePage, "
    "Organisation; o = Organisation.objects.get(slug='fgw'); "
    "i = DisclosureItemPage.objects.live().filter(organisation=o).order_by('id').first(); "
    "a = ArticlePage.objects.live().descendant_of(o.home_page).first(); "
    "print(i.relative_url(o.site), i.get_parent().relative_url(o.site), a.relative_url(o.site), "
    "a.get_parent().relative_url(o.site), sep='|')"
)


def page_types(demo_server):
    """(site, path) of every public page type."""
    item, node, article, column = demo_server.shell(PATHS).split("|")
    return [
        ("portal", "/"),
        ("fgw", "/"),
        ("fgw", column),
        ("fgw", article),
        ("portal", "/xxgk/"),
        ("fgw", "/xxgk/zn/"),
        ("fgw", node),
        ("fgw", item),
        ("fgw", "/xxgk/fzhsxwj/"),
        ("fgw", "/ysqgk/"),
        ("fgw", "/ysqgk/status/"),
        ("fgw", "/ysqgk/deadline/?received=2026-09-29"),
        ("fgw", "/ysqgk/replies/"),
        ("portal", "/ysqgk/annual-report/2026/?scope=city"),
        ("portal", "/approvals/"),
        ("spj", "/approvals/"),
        ("portal", "/search/?q=营商环境"),
        ("fgw", "/wzdt/"),
        ("fgw", "/no-such-page/"),
    ]


def overflow(phone) -> dict:
    return phone.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: innerWidth})"
    )


def assert_fits(phone, label):
    # Mobile emulation widens the layout viewport to fit wide content, so innerWidth alone
    # would hide an overflow: both must stay at the phone's width.
    sizes = overflow(phone)
    assert sizes["scroll"] <= sizes["inner"] == PHONE_WIDTH, (label, sizes)


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder-mode"])
def test_no_public_page_scrolls_sideways_on_a_phone(phone, demo_server, elder):
    if elder:
        phone.goto(demo_server.url("fgw", "/"))
        phone.evaluate("() => localStorage.setItem('elder-mode', '1')")
    types = page_types(demo_server)
    for site, path in types:
        if elder and site != "fgw":  # localStorage is per host: switch it on there too
            phone.goto(demo_server.url(site, "/"))
            phone.evaluate("() => localStorage.setItem('elder-mode', '1')")
        phone.goto(demo_server.url(site, path))
        assert (
            phone.evaluate("() => document.documentElement.classList.contains('elder-mode')")
            is elder
        )
        assert_fits(phone, f"{site}{path}")
    # a notice page, reached from the list
    phone.goto(demo_server.url("spj", "/approvals/"))
    with phone.expect_navigation():
        phone.locator("main a[href*='/approvals/']").first.click()
    assert_fits(phone, phone.url)
    screenshot(phone, f"phone-notice-{'elder' if elder else 'normal'}")


def test_elder_mode_says_its_state_and_switches_off_again(phone, demo_server):
    phone.goto(demo_server.url("portal", "/"))
    toggle = phone.locator("[data-elder-toggle]")
    assert toggle.get_attribute("aria-pressed") == "false" and "关" in toggle.inner_text()
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true" and "开" in toggle.inner_text()
    phone.reload()
    assert phone.locator("html.elder-mode").count() == 1
    assert_fits(phone, "home in 长者模式")
    screenshot(phone, "phone-home-elder-mode")
    toggle = phone.locator("[data-elder-toggle]")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    phone.reload()
    assert phone.locator("html.elder-mode").count() == 0
    assert phone.locator("[data-elder-toggle]").get_attribute("aria-pressed") == "false"


def test_application_form_switches_sections_and_keeps_errors_by_their_fields(phone, demo_server):
    phone.goto(demo_server.url("fgw", "/ysqgk/"))
    assert phone.locator("[data-applicant=natural]").is_visible()
    assert phone.locator("[data-applicant=legal]").is_hidden()
    phone.get_by_label("法人或者其他组织", exact=True).check()
    assert phone.locator("[data-applicant=natural]").is_hidden()
    assert phone.locator("[data-applicant=legal]").is_visible()
    phone.get_by_label("公民", exact=True).check()
    phone.fill("input[name=applicant_name]", "林晓雨")
    phone.fill("input[name=id_number]", "110101199003070012")  # wrong check digit
    phone.fill("input[name=phone]", "139")
    with phone.expect_navigation():
        phone.click("button:has-text('提交申请')")
    phone_input = phone.locator("input[name=phone]")
    assert phone_input.get_attribute("aria-invalid") == "true"
    assert "id_phone_error" in phone_input.get_attribute("aria-describedby")
    assert "请填写正确的联系电话" in phone.locator("#id_phone_error").inner_text()
    assert "校验位不正确" in phone.locator("#id_id_number_error").inner_text()
    assert_fits(phone, "application form with errors")
    assert_accessible(phone, "phone-application-form-errors")


def test_application_form_without_javascript_shows_both_sections(browser, demo_server):
    context = browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(demo_server.url("fgw", "/ysqgk/"))
    assert page.locator("[data-applicant=natural]").is_visible()
    assert page.locator("[data-applicant=legal]").is_visible()
    page.goto(demo_server.url("fgw", "/ysqgk/deadline/"))
    page.fill("input[name=received]", "2026-09-29")
    page.fill("#pause_start_1", "2026-10-12")
    page.fill("#pause_end_1", "2026-10-14")
    with page.expect_navigation():
        page.click("button:has-text('计算')")
    assert "答复期限" in page.locator("#ysqgk-result").inner_text()
    context.close()


def maintenance_pages() -> dict[str, str]:
    """The pages the cache tier shows while the application is down: nginx's file and the
    one Varnish writes itself (deploy/varnish/default.vcl)."""
    from tests.browser.conftest import ROOT

    vcl = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    return {
        "nginx": (ROOT / "deploy" / "nginx" / "maintenance.html").read_text(),
        "varnish": vcl.split('synthetic({"', 1)[1].split('"});', 1)[0],
    }


@pytest.mark.parametrize("server", ["nginx", "varnish"])
def test_maintenance_pages_read_on_a_phone_in_chinese(phone, server):
    phone.set_content(maintenance_pages()[server])
    assert phone.evaluate("document.documentElement.lang") == "zh-CN"
    assert "系统维护中" in phone.inner_text("h1")
    assert_fits(phone, f"maintenance page of {server}")
    assert_accessible(phone, f"phone-maintenance-{server}")
