"""The static mirror (cluster.pagecache.mirror) and nginx serving it (deploy/nginx/govcms.conf).

The first tests check what the application writes and deletes; the last ones put the real
nginx with the project's configuration in front of the application (a live server in this
process) and read the pages through it, including with the application unreachable.
"""

import datetime as dt
import functools
import io
import shutil
import time

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from cluster.pagecache import mirror, store
from tests.faults import servers
from tests.faults.servers import NginxServer, _private_dir, free_port, wait_until
from tests.helpers import make_article, make_column, make_organisation

pytestmark = pytest.mark.backends  # the index lives in Redis in the services profile

HOST = "fgw.localhost"
PORTAL = "www.localhost"


@pytest.fixture(autouse=True)
def _not_at_the_turn_of_the_hour():
    """The mirror's directory is the current hour's, for the application and nginx alike: a test
    that wrote a page at 13:59:59 and read it at 14:00:00 would look in the new hour's. In the
    last 30 s of an hour (under 1 % of runs) wait for the next one: no test here takes 30 s."""
    now = timezone.localtime()
    left = 3600 - (now.minute * 60 + now.second + now.microsecond / 1e6)
    if left < 30:
        time.sleep(left + 0.5)


@pytest.fixture
def mirror_root(settings, tmp_path):
    settings.STATIC_MIRROR_ROOT = str(tmp_path / "mirror")
    return tmp_path / "mirror"


@pytest.fixture
def site(db):
    portal = make_organisation("portal", hostname=PORTAL)
    fgw = make_organisation("fgw", hostname=HOST, parent=portal, catalog=False)
    news = make_column(fgw.home_page, "news", title="工作动态")
    article = make_article(news, "notice", title="关于营商环境的通知")
    return {"portal": portal, "organisation": fgw, "news": news, "article": article}


def mirrored(root, host, path):
    """The file nginx would send for `host` + `path` in the current hour, or None."""
    file = root / mirror.current_hour() / host / path.strip("/") / "index.html"
    if path == "/":
        file = root / mirror.current_hour() / host / "index.html"
    return file.read_bytes() if file.exists() else None


def all_files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_published_pages_are_written_where_nginx_looks_and_purged_with_their_tags(
    client, site, mirror_root
):
    article = client.get("/news/notice/", HTTP_HOST=HOST)
    column = client.get("/news/", HTTP_HOST=HOST)
    portal_home = client.get("/", HTTP_HOST=PORTAL)
    assert article.status_code == column.status_code == portal_home.status_code == 200
    assert mirrored(mirror_root, HOST, "/news/notice/") == article.content
    assert mirrored(mirror_root, HOST, "/news/") == column.content
    assert mirrored(mirror_root, PORTAL, "/") == portal_home.content

    page = site["article"]
    page.title = "关于优化营商环境的通知（修订）"
    page.save_revision().publish()
    # The article and the column listing it are gone; the portal's home shows neither.
    assert mirrored(mirror_root, HOST, "/news/notice/") is None
    assert mirrored(mirror_root, HOST, "/news/") is None
    assert mirrored(mirror_root, PORTAL, "/") == portal_home.content

    again = client.get("/news/notice/", HTTP_HOST=HOST)
    assert "（修订）" in again.content.decode()
    assert mirrored(mirror_root, HOST, "/news/notice/") == again.content


def test_only_what_every_visitor_may_see_is_mirrored(client, site, mirror_root):
    client.get("/news/?page=1", HTTP_HOST=HOST)  # query strings: lists' pages and filters
    client.get("/news/notice", HTTP_HOST=HOST)  # no trailing slash: a redirect
    client.get("/search/", {"q": "通知"}, HTTP_HOST=HOST)
    client.get("/ysqgk/", HTTP_HOST=HOST)  # a form with a CSRF token
    client.head("/news/notice/", HTTP_HOST=HOST)
    PageViewRestriction.objects.create(
        page=site["news"], restriction_type="password", password="secret"
    )
    client.get("/news/notice/", HTTP_HOST=HOST)  # now private
    client.cookies["sessionid"] = "an-editor"
    client.get("/", HTTP_HOST=HOST)
    assert not mirror_root.exists() or all_files(mirror_root) == []

    del client.cookies["sessionid"]
    client.get("/", HTTP_HOST=HOST)
    assert all_files(mirror_root) == [f"{mirror.current_hour()}/{HOST}/index.html"]


@pytest.mark.parametrize(
    "path, host",
    [
        ("/a/../b/", HOST),
        ("/a/./b/", HOST),
        ("/a//b/", HOST),
        ("/a/", "[::1]"),
        ("/" + "长" * 70 + "/", HOST),  # 210 bytes: longer than a file name may be
    ],
)
def test_addresses_nginx_cannot_look_up_are_not_mirrored(path, host, settings):
    settings.ALLOWED_HOSTS = ["*"]
    request = RequestFactory().get(path, HTTP_HOST=host)
    assert mirror.address_path(request) is None


def test_a_page_rendered_before_a_purge_it_missed_removes_itself(site, mirror_root):
    request = RequestFactory().get("/news/", HTTP_HOST=HOST)
    response = type("Response", (), {})()
    response.status_code, response.content = 200, "<p>旧</p>".encode()
    response.get = {"Content-Type": "text/html; charset=utf-8"}.get
    tags = {"page:1", "children:2"}

    rendered_at = time.time_ns()
    store.purge({"children:2"})  # while it rendered: a purge found no file to delete
    assert mirror.keep(request, response, tags, rendered_at) is False
    assert mirrored(mirror_root, HOST, "/news/") is None

    assert mirror.keep(request, response, tags, time.time_ns()) is True
    assert mirrored(mirror_root, HOST, "/news/") == "<p>旧</p>".encode()


def test_past_hours_are_pruned_and_clearing_the_page_cache_drops_everything(
    client, site, mirror_root
):
    client.get("/news/", HTTP_HOST=HOST)
    past = mirror_root / "2020-01-01T09" / HOST / "index.html"
    past.parent.mkdir(parents=True)
    past.write_text("去年的页面")
    assert mirror.prune() == 1
    assert all_files(mirror_root) == [f"{mirror.current_hour()}/{HOST}/news/index.html"]

    call_command("clear_pagecache", stdout=io.StringIO())
    assert all_files(mirror_root) == []


def test_the_hour_is_local_time_as_nginx_names_it():
    moment = dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC)  # 00:30 in Shanghai
    assert mirror.current_hour(moment) == "2026-12-01T00"


def headers_for_nginx() -> str:
    out = io.StringIO()
    call_command("static_mirror_headers", stdout=out)
    return out.getvalue()


def test_headers_for_nginx_are_those_the_application_sends(client, site):
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    Site.objects.filter(hostname=PORTAL).update(is_default_site=True)
    lines = headers_for_nginx()
    page = client.get("/", HTTP_HOST=PORTAL, secure=True)
    for name in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options"):
        assert f'add_header {name} "{page[name]}";' in lines
    assert 'add_header Cache-Control "no-cache";' in lines
    assert "Strict-Transport-Security" not in lines


# Through the real nginx ------------------------------------------------------------------

needs_nginx = pytest.mark.skipif(
    not shutil.which("nginx"), reason="nginx: tools/test.sh and tools/stack.sh install it"
)


fetch = functools.partial(servers.fetch, host=HOST)


@pytest.fixture
def served_site(transactional_db, settings):
    """The site for a live server behind nginx, and the mirror both of them use."""
    root = _private_dir("govcms-mirror-", None)  # nginx's workers must read it
    settings.STATIC_MIRROR_ROOT = str(root)
    portal = make_organisation("portal", hostname=PORTAL)
    fgw = make_organisation("fgw", hostname=HOST, parent=portal, catalog=False)
    news = make_column(fgw.home_page, "news", title="工作动态")
    article = make_article(news, "notice", title="关于营商环境的通知")
    Site.objects.filter(is_default_site=True).exclude(root_page=portal.home_page).delete()
    yield {"root": root, "article": article}
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def nginx(served_site, settings):
    """`start(upstream_port)`: nginx with the project's configuration; all stopped at the end."""
    started = []
    headers = headers_for_nginx()

    def start(upstream_port):
        server = NginxServer(upstream_port, served_site["root"], headers, settings.TIME_ZONE)
        started.append(server.start())
        return server

    yield start
    for server in started:
        server.stop()
        server.cleanup()


@needs_nginx
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nginx_serves_published_pages_from_the_mirror_with_the_applications_headers(
    served_site, nginx, live_server
):
    front = nginx(int(live_server.url.rsplit(":", 1)[1]))
    status, first, html = fetch(front, "GET", "/news/notice/")
    assert status == 200 and "关于营商环境的通知" in html
    assert first["X-Cache"] == "miss" and first["X-Edge-Cache"] is None  # from the application

    status, hit, same = fetch(front, "GET", "/news/notice/")
    assert status == 200 and same == html and hit["X-Edge-Cache"] == "mirror"
    assert hit["Content-Type"] == "text/html; charset=utf-8"
    assert hit["Cache-Control"] == "no-cache"
    for name in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options",
                 "Referrer-Policy", "X-Frame-Options"):  # fmt: skip
        assert hit[name] == first[name], name
    assert fetch(front, "HEAD", "/news/notice/")[1]["X-Edge-Cache"] == "mirror"

    # Editors, queries, forms and purges are not the mirror's.
    for headers, path in (({"Cookie": "sessionid=abc"}, "/news/notice/"),
                          ({"Cookie": "theme=1; messages=x"}, "/news/notice/"),
                          ({"Authorization": "Basic eDp5"}, "/news/notice/"),
                          ({}, "/news/notice/?from=weibo")):  # fmt: skip
        status, response, _html = fetch(front, "GET", path, headers=headers)
        assert status == 200 and response["X-Edge-Cache"] is None, (headers, path)
    assert (
        fetch(front, "GET", "/news/notice/", headers={"Cookie": "csrftoken=abc"})[1]["X-Edge-Cache"]
        == "mirror"
    )
    status, _response, _html = fetch(front, "POST", "/news/notice/", body="x=1",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert status == 403  # the application's CSRF check answered, not nginx's 405 for files
    assert fetch(front, "PURGE", "/", headers={"xkey-purge": "all"})[0] == 405

    article = served_site["article"]
    article.title = "关于优化营商环境的通知（修订）"
    started = time.monotonic()
    article.save_revision().publish()
    # nginx keeps the open file for up to open_file_cache_valid (1 s) after the purge
    wait_until(lambda: "（修订）" in fetch(front, "GET", "/news/notice/")[2], 2,
               "the published change through nginx", interval=0.05)  # fmt: skip
    assert time.monotonic() - started < 2
    wait_until(lambda: fetch(front, "GET", "/news/notice/")[1]["X-Edge-Cache"], 5,
               "the new version in the mirror")  # fmt: skip
    assert "（修订）" in fetch(front, "GET", "/news/notice/")[2]


@needs_nginx
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_mirrored_pages_stay_up_while_the_application_and_the_cache_are_down(
    served_site, nginx, live_server
):
    up = nginx(int(live_server.url.rsplit(":", 1)[1]))
    assert fetch(up, "GET", "/news/")[0] == 200
    down = nginx(free_port())  # nothing listens behind it
    status, response, html = fetch(down, "GET", "/news/")
    assert status == 200 and "关于营商环境的通知" in html
    assert response["X-Edge-Cache"] == "mirror"

    status, response, html = fetch(down, "GET", "/never-visited/")
    assert status == 503 and "系统维护中" in html and response["Retry-After"] == "60"
    status, _response, html = fetch(down, "POST", "/ysqgk/", body="name=张三".encode(),
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert status == 503 and "未被提交" in html


def test_cached_copies_end_with_the_mirrors_hour(settings, mirror_root):
    """Else, for up to an hour after each hour's turn, the page and HTTP caches would answer
    with copies made last hour and the new hour's file would not be written."""
    settings.PAGECACHE_TIMEOUT = 3600
    now = timezone.localtime()
    to_next_hour = 3600 - (now.minute * 60 + now.second)
    assert to_next_hour - 2 <= store.timeout() <= to_next_hour
    settings.STATIC_MIRROR_ROOT = ""  # without the mirror: the hour, or midnight if sooner
    to_midnight = 86400 - (now.hour * 3600 + now.minute * 60 + now.second)
    assert min(3600, to_midnight) - 2 <= store.timeout() <= min(3600, to_midnight)
