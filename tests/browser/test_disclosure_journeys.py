"""Disclosure journeys in a real browser.

(a) An editor files a disclosure item through the Wagtail admin, it passes the three-step
review (初审 → 复审 → 终审), and the public finds it on the department site, in the portal's
city-wide catalog and by search.
(b) An applicant files an on-request application, an officer asks for a correction (补正),
the applicant sees it, the officer replies, the head approves the reply and the applicant
downloads the reply letter (答复书) as PDF.
"""

import datetime as dt
import re

from tests.browser.conftest import assert_accessible, log_in, screenshot

NODE = (
    "from catalog.models import CatalogNodePage; from cluster.models import Organisation; "
    "o = Organisation.objects.get(slug='{slug}'); "
    "n = CatalogNodePage.objects.descendant_of(o.home_page).get(slug='{node}'); "
    "print(n.id, n.relative_url(o.site), n.title, sep='|')"
)
CAPTCHA_ANSWER = (
    "from captcha.models import CaptchaStore; "
    "print(CaptchaStore.objects.get(hashkey='{key}').response)"
)
REVIEWERS = [("fgw_reviewer", "初审"), ("fgw_second_reviewer", "复审"), ("fgw_head", "终审")]


def admin_url(demo_server, path):
    return demo_server.url("portal", f"/admin{path}")


def log_out(page, demo_server):
    page.context.clear_cookies()
    page.goto(admin_url(demo_server, "/login/"))


def catalog_node(demo_server, slug, node):
    node_id, path, title = demo_server.shell(NODE.format(slug=slug, node=node)).split("|")
    return int(node_id), path, title


# -- (a) an item through the three-step review ---------------------------------------------


def create_item_in_admin(page, demo_server, node_id, title):
    """The editor opens the node in the page explorer, adds an item and submits it for review."""
    page.goto(admin_url(demo_server, f"/pages/{node_id}/"))
    with page.expect_navigation():
        page.locator(f"a[href$='/pages/{node_id}/add_subpage/']").first.click()
    if "/add_subpage/" in page.url:  # more than one page type allowed: pick 公开信息
        with page.expect_navigation():
            page.click("a[href*='/add/catalog/disclosureitempage/']")
    assert "/add/catalog/disclosureitempage/" in page.url
    page.fill("input[name=title]", title)
    page.fill("textarea[name=summary]", "明确全市数字经济发展的目标任务和保障措施。")
    page.click("[role=tab]:has-text('元数据')")
    page.fill("input[name=document_number]", "云发改〔2026〕88号")
    page.fill("input[name=written_date]", "2026-11-02")
    page.keyboard.press("Escape")  # close the date picker
    page.select_option("select[name=topic]", label="国民经济管理、国有资产监管／发展规划")
    page.select_option("select[name=genre]", label="通知")
    page.select_option("select[name=five_publics]", label="决策公开")
    page.fill("input[name=keywords]", "数字经济 发展规划")
    page.click("[role=tab]:has-text('推广')")
    assert page.locator("input[name=slug]").input_value() != ""  # filled from the title
    screenshot(page, "journey-a-1-editor-fills-item")
    page.click("[aria-label='操作（页脚）'] .w-dropdown__toggle")
    with page.expect_navigation():
        page.click("button[name=action-submit]")
    messages = page.locator(".messages").inner_text()
    assert title in messages and "提交审核" in messages, messages
    screenshot(page, "journey-a-2-submitted-for-review")


def approve_step(page, demo_server, username, title, last=False):
    """A reviewer finds the item on the dashboard (等待你审核), opens it and approves the step."""
    log_out(page, demo_server)
    log_in(page, admin_url(demo_server, "/login/"), username)
    with page.expect_navigation():
        page.locator(f"main a:has-text('{title}')").first.click()
    assert "/edit/" in page.url
    assert page.locator("input[name=title]").input_value() == title
    page.click("[aria-label='操作（页脚）'] .w-dropdown__toggle")
    with page.expect_navigation():
        page.click(
            "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
        )
    messages = page.locator(".messages").inner_text()
    assert title in messages, messages
    row = page.locator("tr", has_text=title).inner_text()  # back in the node's page listing
    assert ("在用" if last else "审核中") in row, row


def test_editor_item_passes_three_step_review_and_is_public(page, demo_server):
    node_id, node_path, node_title = catalog_node(demo_server, "fgw", "ghjh")
    title = "云溪市低空经济发展三年行动计划（2026—2028年）"
    log_in(page, admin_url(demo_server, "/login/"), "fgw_editor")
    create_item_in_admin(page, demo_server, node_id, title)
    page.goto(demo_server.url("fgw", node_path))
    assert page.locator(f"main a:has-text('{title}')").count() == 0  # not public while in review

    for step, (username, label) in enumerate(REVIEWERS, start=3):
        approve_step(page, demo_server, username, title, last=username == "fgw_head")
        screenshot(page, f"journey-a-{step}-{label}-approved")

    # the department site: the item is listed in its node and opens with its metadata
    page.goto(demo_server.url("fgw", node_path))
    assert page.locator("h1").first.inner_text() == node_title
    assert_accessible(page, "journey-a-6-fgw-catalog-node")
    with page.expect_navigation():
        page.locator(f"main a:has-text('{title}')").first.click()
    assert page.locator("h1").first.inner_text() == title
    metadata = page.locator("table.item-meta").inner_text()
    assert "云发改〔2026〕88号" in metadata
    assert re.search(r"索引号\s*\S+", metadata)
    screenshot(page, "journey-a-7-fgw-item")

    # the portal's city-wide catalog lists it, newest first
    page.goto(demo_server.url("portal", "/xxgk/"))
    link = page.locator(f"main a:has-text('{title}')")
    assert link.count() == 1
    screenshot(page, "journey-a-8-portal-catalog")
    with page.expect_navigation():
        link.click()
    assert page.url.startswith(demo_server.url("fgw", node_path))  # its one home, not a copy
    assert page.locator("h1").first.inner_text() == title

    # the public search finds it by a word of its title
    page.goto(demo_server.url("fgw"))
    page.fill("#site-search-q", "低空经济")
    with page.expect_navigation():
        page.press("#site-search-q", "Enter")
    assert "q=" in page.url
    hit = page.locator(f".search-hits a:has-text('{title}')")
    assert hit.count() == 1, page.locator("main").inner_text()
    screenshot(page, "journey-a-9-search")
    with page.expect_navigation():
        hit.click()
    assert page.locator("h1").first.inner_text() == title


# -- (b) an application, a correction and the reply letter ---------------------------------


def read_captcha(page, demo_server) -> str:
    """What a person reads off the captcha image (the test asks the server's store instead)."""
    key = page.locator("input[name=captcha_0]").input_value()
    assert page.locator("img.captcha").is_visible()
    return demo_server.shell(CAPTCHA_ANSWER.format(key=key))


def file_application(applicant, demo_server) -> tuple[str, str]:
    applicant.goto(demo_server.url("fgw", "/ysqgk/"))
    assert applicant.locator("h1").inner_text() == "政府信息公开申请"
    applicant.get_by_label("公民", exact=True).check()
    assert applicant.locator("[data-applicant=legal]").is_hidden()  # the other type's section
    applicant.fill("input[name=applicant_name]", "林晓雨")
    applicant.select_option("select[name=id_type]", label="居民身份证")
    applicant.fill("input[name=id_number]", "110101199003070011")
    applicant.fill("input[name=phone]", "13900001234")
    applicant.fill("textarea[name=description]", "贵委关于城区停车收费标准调整的文件")
    applicant.get_by_label("电子文件").check()
    applicant.get_by_label("网上获取").check()
    applicant.fill("input[name=captcha_1]", read_captcha(applicant, demo_server))
    screenshot(applicant, "journey-b-1-application-form")
    with applicant.expect_navigation():
        applicant.click("button:has-text('提交申请')")
    heading = applicant.locator("h1").inner_text()
    assert heading == "申请已提交", applicant.locator("main").inner_text()
    receipt = applicant.locator("dl.ysqgk-receipt")
    number = receipt.locator("dt:has-text('申请编号') + dd").inner_text().strip()
    code = receipt.locator("dt:has-text('查询码') + dd strong").inner_text().strip()
    assert number and code
    assert_accessible(applicant, "journey-b-2-receipt")
    return number, code


def look_up_status(applicant, demo_server, number, code):
    applicant.goto(demo_server.url("fgw", "/ysqgk/status/"))
    applicant.get_by_label("申请编号").fill(number)
    applicant.get_by_label("查询码").fill(code)
    with applicant.expect_navigation():
        applicant.click("form.ysqgk-form button[type=submit]")
    assert applicant.locator("main h2").first.inner_text() == f"申请 {number}"


def open_request_in_admin(page, demo_server, username, number):
    """An officer (or the head) logs in and opens the application from 依申请公开."""
    page.context.clear_cookies()
    log_in(page, admin_url(demo_server, "/login/"), username)
    with page.expect_navigation():
        page.click("nav a:has-text('依申请公开')")
    with page.expect_navigation():
        page.locator(f"main a:has-text('{number}')").first.click()
    assert page.locator("h1", has_text=number).count() == 1


def take_action(page, label, **fields):
    """Fill and submit the form of one action on the request's file."""
    form = page.locator("main form", has=page.locator(f"h3:text-is('{label}')"))
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    messages = page.locator(".messages").inner_text()
    assert f"已{label}" in messages, messages


def test_applicant_files_gets_correction_request_and_downloads_reply_letter(
    page, browser, demo_server
):
    context = browser.new_context(  # bypass_csp: axe-core is injected as an inline script
        viewport={"width": 1280, "height": 900}, locale="zh-CN", bypass_csp=True
    )
    applicant = context.new_page()
    applicant.set_default_timeout(15_000)
    try:
        number, code = file_application(applicant, demo_server)

        # the officer asks for a correction (补正) with what to correct and by when
        open_request_in_admin(page, demo_server, "fgw_officer", number)
        reply_by = (dt.date.today() + dt.timedelta(days=15)).isoformat()
        reason = "请补充所需文件的发布年份或文号。"
        take_action(page, "告知补正", reply_by=reply_by, note=reason)
        assert "已告知补正" in page.locator("main h2").first.inner_text()
        screenshot(page, "journey-b-3-officer-requests-correction")

        # the applicant sees the request for correction, with the reason and the time limit
        look_up_status(applicant, demo_server, number, code)
        status = applicant.locator("main").inner_text()
        assert "已告知补正" in status
        assert reason in status and reply_by in status
        # no online correction form: the page says where to send it (the office's channels)
        how = applicant.locator("section.ysqgk-correction").inner_text()
        assert number in how and "fgwbgs@yunxi.gov.cn" in how
        assert applicant.locator("form.ysqgk-letter").count() == 0  # nothing to download yet
        assert_accessible(applicant, "journey-b-4-status-correction-requested")

        # the correction arrives; the officer drafts the reply and the head approves it
        take_action(page, "收到补正", note="申请人来电补充：2025年发布。")
        take_action(
            page,
            "提交答复审批",
            kind="予以公开",
            outcome="（一）予以公开",
            details="经检索，您申请的《云溪市城区机动车停放服务收费标准》予以公开，全文随本答复书提供。",
        )
        screenshot(page, "journey-b-5-reply-submitted")
        open_request_in_admin(page, demo_server, "fgw_head", number)
        take_action(page, "批准答复")
        assert "已答复" in page.locator("main h2").first.inner_text()
        screenshot(page, "journey-b-6-reply-approved")

        # the applicant downloads the reply letter
        look_up_status(applicant, demo_server, number, code)
        assert "已答复" in applicant.locator("main").inner_text()
        assert_accessible(applicant, "journey-b-7-status-replied")
        with applicant.expect_download() as download_info:
            applicant.click("form.ysqgk-letter button[type=submit]")
        letter = download_info.value.path().read_bytes()
        assert letter.startswith(b"%PDF")
        assert len(letter) > 5_000
        assert download_info.value.suggested_filename.endswith(".pdf")
    finally:
        context.close()
