"""Browser tests: Playwright driving Debian's Chromium against a real demo server process.

The demo cluster is served by `runserver` on a free loopback port from its own SQLite file,
with `make demo`'s settings but a fast password hasher (tests/browser/server_settings.py); tests
act only through the browser (and `demo_shell` to look things up). The file is a copy of the
tests' demo template (tests/demo_database.py) with its files, brought to this server's port by
`load_demo` (idempotent), so the demo is loaded once per run and not again here.
axe-core checks accessibility. Screenshots land in test-artifacts/screenshots/.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "tools" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVICE_VARIABLES = ("DATABASE_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL", "REDIS_URL")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.xdist_group(BROWSER_GROUP))
            if not (Path(CHROMIUM).exists() and AXE_SCRIPT.exists()):
                item.add_marker(pytest.mark.skip(reason="chromium or axe-core not installed"))


# The browser tests share one demo server, so they run on one worker, but not in the demo
# modules' group: with them, that worker's chain (demo template, demo modules, browser journeys)
# was the embedded profile's length while the other worker ran out of tests. Now the worker that
# takes them waits for the template (built in the background, tests/prebuild.py) and the other
# runs the demo modules among the rest. They use under one core: much of their time is waiting
# for pages.
BROWSER_GROUP = "browser"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The demo server's Django, kept running to answer `DemoServer.shell`: each request is a byte
# count and that much Python; each answer "ok|error <byte count>" and what the code printed (or
# its traceback). A new `manage.py shell` per lookup cost a Django start-up (2-3 s of CPU on a
# busy machine) each time, about fifty seconds a run.
SHELL_DRIVER = """
import contextlib, io, sys, traceback
import django
django.setup()
from django.db import connections
requests, answers = sys.stdin.buffer, sys.stdout.buffer
while header := requests.readline():
    code = requests.read(int(header)).decode()
    printed, status = io.StringIO(), "ok"
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "<demo shell>", "exec"), {"__name__": "__main__"})
    except Exception:
        status = "error"
        printed.write(traceback.format_exc())
    finally:
        connections.close_all()  # the next lookup sees what the server wrote since
    data = printed.getvalue().encode()
    answers.write(f"{status} {len(data)}\\n".encode() + data)
    answers.flush()
"""


class DemoServer:
    """The demo cluster in a separate process: url(site_key, path) and shell(code)."""

    def __init__(self, workdir: Path):
        self.port = _free_port()
        self.database = workdir / "db.sqlite3"
        self.media, self.private = workdir / "media", workdir / "private"
        self.environment = {
            **{k: v for k, v in os.environ.items() if k not in SERVICE_VARIABLES},
            "DJANGO_SETTINGS_MODULE": "tests.browser.server_settings",
            "DATABASE_URL": f"sqlite:///{self.database}",
            "DJANGO_MEDIA_ROOT": str(self.media),
            "DISCLOSURE_PRIVATE_ROOT": str(self.private),
            "WAGTAILADMIN_BASE_URL": f"http://localhost:{self.port}",
        }
        self.process = None
        self.shell_process = None

    def manage(self, *arguments) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=ROOT, env=self.environment, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return result.stdout

    def start(self, demo_files: Path | None = None):
        """Serve the demo. With `demo_files`, the database file already holds a copy of the
        demo template and `demo_files` what the demo wrote: `load_demo` (idempotent) then only
        points the sites at this server's port and rebuilds the search records of their URLs.
        Without, the demo is migrated and loaded here."""
        if demo_files is not None:
            for name, root in (("media", self.media), ("private", self.private)):
                if (demo_files / name).exists():
                    shutil.copytree(demo_files / name, root, dirs_exist_ok=True)
        else:
            self.manage("migrate", "--noinput")
        self.manage("load_demo", "--port", str(self.port))
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT, env=self.environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url(), timeout=2)
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("demo server did not start")

    def stop(self):
        if self.shell_process:
            self.shell_process.stdin.close()
            self.shell_process.wait(timeout=30)
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=30)

    def url(self, site_key="portal", path="/") -> str:
        host = "localhost" if site_key == "portal" else f"{site_key}.localhost"
        return f"http://{host}:{self.port}{path}"

    def shell(self, code: str) -> str:
        """Run Python in the demo server's Django environment; returns what it printed."""
        if self.shell_process is None:
            self.shell_process = subprocess.Popen(
                [sys.executable, "-c", SHELL_DRIVER], cwd=ROOT, env=self.environment,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            )  # fmt: skip
        request = code.encode()
        self.shell_process.stdin.write(f"{len(request)}\n".encode() + request)
        self.shell_process.stdin.flush()
        header = self.shell_process.stdout.readline().decode()
        if not header:
            raise RuntimeError(f"the demo shell exited ({self.shell_process.wait()})")
        status, size = header.split()
        printed = self.shell_process.stdout.read(int(size)).decode()
        if status != "ok":
            raise RuntimeError(f"demo shell code failed:\n{printed}")
        return printed.strip()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory, django_db_setup, django_db_blocker):
    from django.db import connection

    from tests import demo_database

    server = DemoServer(tmp_path_factory.mktemp("demo-server"))
    demo_files = None
    if connection.vendor == "sqlite":
        with django_db_blocker.unblock():  # the template may have to be built first
            demo_files = demo_database.copy_demo_sqlite(connection, server.database)
    server.start(demo_files)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    """Chromium, per module: Playwright's sync API keeps an asyncio loop in this thread while it
    runs, and Django refuses database work under a loop (SynchronousOnlyOperation), so it must
    be stopped before the worker moves on to database tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp: axe-core is injected as an inline script, which the site's CSP refuses
    # (test_security_headers.py checks the pages under the real policy).
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="zh-CN", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def serious_accessibility_violations(page) -> list[dict]:
    """axe-core WCAG 2 A/AA violations of impact serious or critical on the current page."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def assert_accessible(page, name: str):
    screenshot(page, name)
    violations = serious_accessibility_violations(page)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def log_in(page, login_url: str, username: str, password: str = "Yunxi@2026"):
    page.goto(login_url)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
