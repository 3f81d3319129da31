"""Content-Security-Policy in a real browser: public pages and the Wagtail admin (editor
included) work under the policies the server sends, with no violation and no request to
another host (the contexts here do not bypass the CSP)."""

from urllib.parse import urlsplit

import pytest

from .conftest import log_in

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
PUBLIC_PATHS = [
    ("portal", "/"),
    ("fgw", "/"),
    ("fgw", "/xxgk/"),
    ("fgw", "/ysqgk/"),
    ("fgw", "/ysqgk/deadline/"),
    ("fgw", "/ysqgk/replies/"),
    ("spj", "/approvals/"),
    ("fgw", "/search/?q=营商环境"),
    ("portal", "/api/docs"),
]
ARTICLE = (
    "from cluster.models import ArticlePage; "
    "a = ArticlePage.objects.live().first(); print(a.id, a.full_url, sep='|')"
)


class Watcher:
    """Console refusals and requests leaving the demo host, for one browser context."""

    def __init__(self, context, port: int):
        self.refusals: list[str] = []
        self.outside: list[str] = []
        self.port = port
        context.add_init_script(WATCH)
        context.on("page", self.watch)

    def watch(self, page):
        page.on("console", self.console)
        page.on("request", self.request)

    def console(self, message):
        text = message.text
        if "Content Security Policy" in text or text.startswith("Refused to"):
            self.refusals.append(text)

    def request(self, request):
        parts = urlsplit(request.url)
        local = parts.hostname in ("localhost", "127.0.0.1") or (parts.hostname or "").endswith(
            ".localhost"
        )
        if parts.scheme in ("http", "https") and not local:
            self.outside.append(request.url)

    def check(self, page, label: str):
        violations = page.evaluate("() => window.__cspViolations || []")
        assert violations == [] and self.refusals == [], (label, violations, self.refusals)
        assert self.outside == [], (label, self.outside)


@pytest.fixture
def strict_page(browser, demo_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    watcher = Watcher(context, demo_server.port)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page, watcher
    context.close()


def test_public_pages_work_under_their_policy(strict_page, demo_server):
    page, watcher = strict_page
    _id, article_url = demo_server.shell(ARTICLE).split("|")
    urls = [demo_server.url(site, path) for site, path in PUBLIC_PATHS]
    for url in [*urls, article_url]:
        path = urlsplit(url).path
        response = page.goto(url)
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        if path != "/api/docs":
            assert "script-src 'self';" in policy and "unsafe-inline" not in policy
        assert "camera=()" in response.headers["permissions-policy"]
        page.wait_for_load_state("networkidle")
        watcher.check(page, path)
    # the page scripts still run: the calculator's static script adds a pause row in place
    page.goto(demo_server.url("fgw", "/ysqgk/deadline/"))
    rows = page.locator("[data-pause-row]").count()
    page.click("[data-add-pause]")
    assert page.locator("[data-pause-row]").count() == rows + 1
    assert page.url.endswith("/ysqgk/deadline/")  # no reload: the script handled the click
    page.fill("input[name=received]", "2026-09-29")
    page.click("#ysqgk-calculator button[type=submit]:not([data-add-pause])")
    page.wait_for_selector("#ysqgk-result > *", timeout=60_000)
    watcher.check(page, "calculator")


def test_admin_and_page_editor_work_under_their_policy(strict_page, demo_server):
    page, watcher = strict_page
    article_id, _url = demo_server.shell(ARTICLE).split("|")
    admin = demo_server.url("portal", "/admin")
    log_in(page, f"{admin}/login/", "admin")
    for path in ("/", f"/pages/{article_id}/edit/", "/pages/", "/documents/", "/users/"):
        response = page.goto(f"{admin}{path}")
        assert response.status == 200, path
        assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        watcher.check(page, path)
    # the editor's widgets run (they are inline scripts in Wagtail 8): open the preview panel
    page.goto(f"{admin}/pages/{article_id}/edit/")
    page.wait_for_selector("[data-side-panel-toggle]")
    assert page.locator("img[src*='gravatar']").count() == 0
    watcher.check(page, "editor")
