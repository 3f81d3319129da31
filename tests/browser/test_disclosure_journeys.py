"""Disclosure journeys in a real browser.

(a) An editor files a disclosure item through the Wagtail admin, it passes the three-step
review (初审 → 复审 → 终审), and the public finds it on the department site, in the portal's
city-wide catalog and by search.
(b) An applicant files an on-request application, an officer asks for a correction (补正),
the applicant sees it, the officer replies, the head approves the reply and the applicant
downloads the reply letter (答复书) as PDF.
"""

import re

from tests.browser.conftest import assert_accessible, log_in, screenshot

NODE = (
    "from catalog.models import CatalogNodePage; from cluster.models import Organisation; "
    "o = Organisation.objects.get(slug='{slug}'); "
    "n = CatalogNodePage.objects.descendant_of(o.home_page).get(slug='{node}'); "
    "print(n.id, n.relative_url(o.site), n.title, sep='|')"
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
    page.click("[aria-label='Actions (footer)'] .w-dropdown__toggle")
    with page.expect_navigation():
        page.click("button[name=action-submit]")
    messages = page.locator(".messages").inner_text()
    assert "已提交" in messages or "提交" in messages, messages
    screenshot(page, "journey-a-2-submitted-for-review")



def approve_step(page, demo_server, username, title, last=False):
    """A reviewer finds the item on the dashboard (等待你审核), opens it and approves the step."""
    log_out(page, demo_server)
    log_in(page, admin_url(demo_server, "/login/"), username)
    with page.expect_navigation():
        page.locator(f"main a:has-text('{title}')").first.click()
    assert "/edit/" in page.url
    assert page.locator("input[name=title]").input_value() == title
    page.click("[aria-label='Actions (footer)'] .w-dropdown__toggle")
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
    assert page.locator(f"main a:has-text('{title}')").count() == 1
    screenshot(page, "journey-a-8-portal-catalog")

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
