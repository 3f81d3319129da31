"""Every public page type of the disclosure column passes axe, and the catalog works on a phone."""

import io
import unicodedata

from pypdf import PdfReader

from tests.browser.conftest import assert_accessible, screenshot

FIRST_ITEM = (
    "from catalog.models import DisclosureItemPage; from cluster.models import Organisation; "
    "o = Organisation.objects.get(slug='fgw'); "
    "i = DisclosureItemPage.objects.live().filter(organisation=o).order_by('id').first(); "
    "print(i.relative_url(o.site), i.title, sep='|')"
)


def test_disclosure_page_types_have_no_serious_accessibility_violations(page, demo_server):
    pages = [
        ("portal", "/xxgk/", "portal-catalog-root"),
        ("fgw", "/xxgk/zn/", "fgw-guide"),
        ("fgw", "/xxgk/fzhsxwj/", "fgw-repealed-list"),
        ("fgw", "/ysqgk/", "fgw-request-form"),
        ("fgw", "/ysqgk/status/", "fgw-request-status"),
        ("fgw", "/ysqgk/deadline/", "fgw-deadline-calculator"),
        ("portal", "/approvals/", "portal-approvals"),
        ("portal", "/search/?q=营商环境", "portal-search"),
    ]
    for site, path, name in pages:
        response = page.goto(demo_server.url(site, path))
        assert response.status == 200, path
        assert_accessible(page, name)
    path, title = demo_server.shell(FIRST_ITEM).split("|")
    page.goto(demo_server.url("fgw", path))
    assert page.locator("h1").first.inner_text() == title
    assert page.locator("table").count() >= 1  # the metadata table
    assert_accessible(page, "fgw-disclosure-item")
    page.goto(demo_server.url("spj", "/approvals/"))
    with page.expect_navigation():
        page.locator("main a[href*='/approvals/']").first.click()
    assert_accessible(page, "spj-approval-notice")


def test_public_browses_the_catalog_with_filters_on_a_phone(phone, demo_server):
    phone.goto(demo_server.url("fgw", "/xxgk/"))
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    total_before = phone.locator(".catalog-items li, .item-list li, table tbody tr").count()
    phone.select_option("select[name=validity]", label="废止")
    with phone.expect_navigation():
        phone.click(".catalog-filters button[type=submit]")
    assert "validity=" in phone.url
    rows = phone.locator("main").inner_text()
    assert "废止" in rows
    assert phone.locator(".catalog-items li, .item-list li, table tbody tr").count() <= total_before
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    screenshot(phone, "fgw-catalog-filtered-phone")
    assert_accessible(phone, "fgw-catalog-filtered-phone-axe")


def test_annual_report_reads_on_a_phone_prints_and_passes_axe(page, phone, demo_server):
    pages = [
        ("fgw", "/ysqgk/annual-report/2026/", "fgw-annual-report"),
        ("portal", "/ysqgk/annual-report/2026/?scope=city", "city-annual-report"),
        ("portal", "/ysqgk/annual-report/2026/status/", "annual-report-status"),
    ]
    for site, path, name in pages:
        response = phone.goto(demo_server.url(site, path))
        assert response.status == 200, path
        # the document never gets wider than the phone; wide tables scroll in their own box
        assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
        assert_accessible(phone, f"{name}-phone")
        assert page.goto(demo_server.url(site, path)).status == 200
        assert_accessible(page, name)
    phone.goto(demo_server.url("fgw", "/ysqgk/annual-report/2026/"))
    tables = phone.locator(".report-table")
    assert tables.count() == 3
    assert tables.nth(1).evaluate("box => box.scrollWidth > box.clientWidth")  # table 三
    page.goto(demo_server.url("fgw", "/ysqgk/annual-report/2026/"))
    page.emulate_media(media="print")
    assert page.locator(".site-header").first.is_hidden()
    assert page.locator(".annual-report__actions").is_hidden()
    screenshot(page, "fgw-annual-report-print")
    # printed, table 三 runs onto another page and its header rows are printed there again
    printed = PdfReader(io.BytesIO(page.pdf(format="A4", landscape=True)))
    # NFKC: Chromium's fonts map some characters to CJK radicals (⼈ for 人)
    pages = [
        unicodedata.normalize("NFKC", "".join(p.extract_text().split())) for p in printed.pages
    ]
    starts = next(i for i, text in enumerate(pages) if "三、收到和处理政府信息公开申请情况" in text)
    ends = next(i for i, text in enumerate(pages) if "四、结转下年度继续办理" in text)
    assert ends > starts
    assert "申请人情况" in pages[ends] and "法人或其他组织" in pages[ends]
    assert pages[ends].index("申请人情况") < pages[ends].index("四、结转下年度继续办理")
