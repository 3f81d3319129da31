"""The HTTP cache in front (Varnish + xkey, deploy/varnish/default.vcl), through the real cache.

Private varnishd and gunicorn servers on free ports serve this test's PostgreSQL database;
a private Redis holds the page cache both the test process and gunicorn use. Publishing in
the test process purges the surrogate keys through the cache's PURGE API (the Celery task runs
eagerly here); the page the visitor sees through the cache changes within 2 s. With gunicorn
stopped, the cache keeps serving published pages (grace) and answers what it has not cached,
and every form submission, with a Chinese maintenance page.
"""

import functools
import shutil
import time
import urllib.parse

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Site

from tests.helpers import make_article, make_column, make_organisation

from . import servers
from .servers import AppServer, VarnishServer, wait_until
from .workers import database_url_of_test

pytestmark = [
    pytest.mark.services,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not shutil.which("varnishd"), reason="varnish: tools/stack.sh installs it"),
]

HOST = "fgw.localhost"
MAINTENANCE = "系统维护中"


fetch = functools.partial(servers.fetch, host=HOST)


@pytest.fixture
def site(settings):
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname=HOST, parent=portal)
    news = make_column(fgw.home_page, "news", title="工作动态")
    article = make_article(news, "notice", title="关于营商环境的通知")
    # Behind the cache the request's port is gunicorn's, not the sites' 80: Wagtail then picks
    # the site by hostname alone, which needs a single default site (the portal, as in the demo).
    Site.objects.filter(is_default_site=True).exclude(root_page=portal.home_page).delete()
    return {"organisation": fgw, "news": news, "article": article}


@pytest.fixture
def stack(settings, redis_server, tmp_path):
    """`start(nodes)`: gunicorn nodes behind one varnishd; the test process purges that cache."""
    started = []
    pagecache = {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                 "LOCATION": redis_server.url(0), "KEY_PREFIX": "pagecache"}  # fmt: skip
    settings.CACHES = settings.CACHES | {"pagecache": pagecache}

    def start(nodes=1):
        apps = [AppServer(database_url_of_test(), tmp_path) for _ in range(nodes)]
        varnish = VarnishServer([app.port for app in apps])
        for app in apps:
            app.env.update(PAGECACHE_URL=redis_server.url(0), CACHE_URL=redis_server.url(1),
                           HTTP_CACHE_NODES=varnish.url)  # fmt: skip
            started.append(app.start())
        started.append(varnish.start())
        settings.HTTP_CACHE_NODES = [varnish.url]
        wait_until(lambda: fetch(varnish, "GET", "/healthz")[0] == 200, 30, "backends healthy")
        return varnish, apps

    yield start
    for server in reversed(started):
        server.stop()
    for server in started:
        server.cleanup() if hasattr(server, "cleanup") else None


def test_published_change_reaches_visitors_through_the_cache_within_2_s(site, stack):
    varnish, _apps = stack()
    url = site["article"].url_path.removeprefix(site["organisation"].home_page.url_path)
    path = "/" + url
    status, headers, html = fetch(varnish, "GET", path)
    assert status == 200 and "关于营商环境的通知" in html
    assert headers["X-Edge-Cache"] == "miss"
    assert headers["xkey"] is None  # the keys are for the cache only
    assert headers["Cache-Control"] == "no-cache"  # browsers revalidate: purges reach them
    status, headers, html = fetch(varnish, "GET", path)
    assert headers["X-Edge-Cache"] == "hit" and "关于营商环境的通知" in html
    status, headers, column = fetch(varnish, "GET", "/news/")
    assert status == 200 and "关于营商环境的通知" in column
    assert fetch(varnish, "GET", "/news/")[1]["X-Edge-Cache"] == "hit"
    assert fetch(varnish, "GET", "/", host="www.localhost")[0] == 200

    article = site["article"]
    article.title = "关于优化营商环境的通知（修订）"
    started = time.monotonic()
    article.save_revision().publish()

    def visible():
        return (
            "（修订）" in fetch(varnish, "GET", path)[2]
            and "（修订）" in fetch(varnish, "GET", "/news/")[2]
        )

    wait_until(visible, 2, "the published change through the cache", interval=0.05)
    assert time.monotonic() - started < 2
    # Only the affected keys went: the portal's home page shows nothing of the department's
    # column, so it stayed in the cache.
    assert fetch(varnish, "GET", "/", host="www.localhost")[1]["X-Edge-Cache"] == "hit"


def test_sessions_messages_and_forms_bypass_the_cache_csrf_holders_do_not(site, stack):
    varnish, _apps = stack()
    assert fetch(varnish, "GET", "/news/")[1]["X-Edge-Cache"] == "miss"
    assert fetch(varnish, "GET", "/news/")[1]["X-Edge-Cache"] == "hit"
    for cookie in ("sessionid=abc", "messages=abc", "theme=1; sessionid=abc"):
        status, headers, _html = fetch(varnish, "GET", "/news/", headers={"Cookie": cookie})
        assert status == 200 and headers["X-Edge-Cache"] == "pass", cookie
    # A CSRF cookie (the visitor opened a form) changes no cached page.
    assert (
        fetch(varnish, "GET", "/news/", headers={"Cookie": "csrftoken=abc"})[1]["X-Edge-Cache"]
        == "hit"
    )
    # Unrelated cookies (analytics) are dropped: the page is still served from the cache.
    assert fetch(varnish, "GET", "/news/", headers={"Cookie": "_ga=1"})[1]["X-Edge-Cache"] == "hit"
    status, headers, html = fetch(varnish, "GET", "/ysqgk/")
    assert status == 200 and headers["X-Edge-Cache"] == "pass" and "captcha" in html
    assert "csrftoken=" in headers.get("Set-Cookie", "")
    status, headers, _html = fetch(varnish, "POST", "/ysqgk/", body="x=1",
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert headers["X-Edge-Cache"] == "pass" and status == 403  # CSRF: reached the application


def test_cache_serves_published_pages_while_the_application_is_down(site, stack):
    varnish, (app,) = stack()
    for path in ("/", "/news/"):
        assert fetch(varnish, "GET", path)[0] == 200
    app.stop()
    wait_until(varnish.backends_sick, 15, "probe marks app sick")

    status, headers, html = fetch(varnish, "GET", "/news/")
    assert status == 200 and "关于营商环境的通知" in html and headers["X-Edge-Cache"] == "hit"
    # A purge while the application is down (soft purge) keeps the last copy servable.
    site["news"].save_revision().publish()
    status, _headers, html = fetch(varnish, "GET", "/news/")
    assert status == 200 and "关于营商环境的通知" in html

    status, headers, html = fetch(varnish, "GET", "/ysqgk/")
    assert status == 503 and MAINTENANCE in html and "政府信息公开申请" in html
    assert headers["Retry-After"] == "60"
    form = urllib.parse.urlencode({"name": "张三"})
    status, _headers, html = fetch(varnish, "POST", "/ysqgk/", body=form,
                                   headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert status == 503 and MAINTENANCE in html and "未被提交" in html
    assert fetch(varnish, "GET", "/never-cached/")[0] == 503

    app.start()
    wait_until(lambda: not varnish.backends_sick(), 15, "probe marks app healthy")
    assert fetch(varnish, "GET", "/ysqgk/")[0] == 200


def test_two_application_nodes_share_purges_and_sessions(site, stack, settings):
    varnish, apps = stack(nodes=2)
    # gunicorn checks passwords with production's hashers, not the test profile's MD5
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    get_user_model().objects.create_superuser("editor", "editor@example.gov.cn", "pw")
    status, headers, html = fetch(varnish, "GET", "/admin/login/")
    csrf_cookie = headers["Set-Cookie"].split(";")[0]
    assert csrf_cookie.startswith("csrftoken=")
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "editor",
                                   "password": "pw", "next": "/admin/"})  # fmt: skip
    status, headers, _html = fetch(varnish, "POST", "/admin/login/", body=form, headers={
        "Cookie": csrf_cookie, "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"http://{HOST}/admin/login/"})  # fmt: skip
    assert status == 302, _html[:500]
    session = next(c for c in headers.get_all("Set-Cookie") if c.startswith("sessionid="))
    cookies = f"{csrf_cookie}; {session.split(';')[0]}"
    admin = '"GET /admin/ '
    before = [app.requests_served(admin) for app in apps]
    for _ in range(6):  # round robin: both nodes answer, both know the session
        status, headers, _html = fetch(varnish, "GET", "/admin/", headers={"Cookie": cookies})
        assert status == 200 and headers["X-Edge-Cache"] == "pass"

    def each_node_served_three():
        served = [app.requests_served(admin) - seen for app, seen in zip(apps, before, strict=True)]
        return served == [3, 3]

    # gunicorn logs a request after answering it: give the last line a moment on a busy machine
    wait_until(each_node_served_three, 10, "each node logged three of the six admin requests")

    assert "关于营商环境的通知" in fetch(varnish, "GET", "/news/")[2]
    assert fetch(varnish, "GET", "/news/")[1]["X-Edge-Cache"] == "hit"
    article = site["article"]
    article.title = "两个节点之后的新标题"
    article.save_revision().publish()
    for _ in range(4):  # whichever node renders it, the page cache they share was purged too
        assert "两个节点之后的新标题" in fetch(varnish, "GET", "/news/")[2]
