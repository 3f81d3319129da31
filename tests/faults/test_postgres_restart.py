"""PostgreSQL restarted under a running server: the next requests succeed, nothing is lost.

A gunicorn server with the production settings (persistent connections, CONN_MAX_AGE 60)
runs on a private PostgreSQL cluster holding a copy of this test's database. An application
is filed, PostgreSQL is restarted (fast shutdown: every connection is cut), and the very next
request reuses the worker's now dead connection: the health check must replace it.
"""

import http.client
import os
import re
import subprocess
import sys
import urllib.parse

import pytest
from django.db import connection

from tests.disclosure.helpers import APPLICANT
from tests.helpers import make_organisation

from .servers import REPO, PostgresServer, Server
from .workers import database_url_of_test

pytestmark = [
    pytest.mark.services,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HOST = "fgw.localhost"


class Gunicorn(Server):
    """gunicorn, one sync worker (so one persistent connection, reused by every request)."""

    name = "gunicorn"
    start_timeout = 90.0

    def __init__(self, database_url, log_dir):
        super().__init__()
        self.database_url, self.log_path = database_url, log_dir / "gunicorn.log"

    def command(self):
        return [sys.executable, "-m", "gunicorn", "cluster.wsgi", "--bind",
                f"127.0.0.1:{self.port}", "--workers", "1", "--timeout", "120",
                "--control-socket", str(self.log_path.with_name("gunicorn.ctl"))]  # fmt: skip

    def popen_options(self):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.faults.server_settings",
               "DATABASE_URL": self.database_url, "DJANGO_SECRET_KEY": "fault-test",
               "DJANGO_ALLOWED_HOSTS": ".localhost", "DJANGO_SECURE_SSL_REDIRECT": "false",
               "CACHE_URL": "locmemcache://", "CELERY_BROKER_URL": "memory://",
               "ELASTICSEARCH_URL": ""}  # fmt: skip
        return {"env": env, "cwd": REPO}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Host": HOST, **(headers or {})}  # plain HTTP: the CSRF cookie is ours to send
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read().decode()


def file_application(server, pg, token):
    """Fill in and submit the public form as a browser would (CSRF cookie, captcha)."""
    status, headers, html = server.request("GET", "/ysqgk/")
    assert status == 200, server.tail()
    cookie = next(v for k, v in headers if k.lower() == "set-cookie" and "csrftoken=" in v)
    csrf_cookie = cookie.split(";")[0]
    csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    captcha_key = re.search(r'name="captcha_0" value="([^"]+)"', html)[1]
    answer = pg.psql(
        "govcms",
        "-tAc",
        f"SELECT response FROM captcha_captchastore WHERE hashkey = '{captcha_key}'",
    ).strip()
    form = APPLICANT | {"csrfmiddlewaretoken": csrf_token, "submission_token": token,
                        "captcha_0": captcha_key, "captcha_1": answer}  # fmt: skip
    return server.request(
        "POST", "/ysqgk/", urllib.parse.urlencode(form),
        {"Cookie": csrf_cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip


@pytest.fixture
def postgres(tmp_path):
    pg = PostgresServer().start()
    yield pg
    pg.stop()
    pg.cleanup()


def test_requests_after_a_postgres_restart_succeed_and_nothing_is_lost(postgres, tmp_path):
    portal = make_organisation("portal", hostname="www.localhost")
    make_organisation("fgw", hostname=HOST, parent=portal)
    connection.close()  # the copy below must see everything committed
    postgres.psql("postgres", "-c", "CREATE DATABASE govcms")
    dump = subprocess.run(
        ["pg_dump", "--no-owner", "--no-privileges", database_url_of_test()],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    postgres.psql("govcms", stdin=dump)
    server = Gunicorn(postgres.url("govcms"), tmp_path)
    # The site answers on gunicorn's port here (behind a proxy in production it is 80/443).
    postgres.psql(
        "govcms",
        "-c",
        f"UPDATE wagtailcore_site SET port = {server.port} WHERE hostname = '{HOST}'",
    )
    server.start()
    try:
        status, _headers, html = file_application(server, postgres, "before-restart")
        assert status == 200 and "申请已提交" in html, html[-2000:]
        first = re.search(r"FGW-\d{4}-\d{5}", html)[0]

        postgres.restart()

        # The worker's kept connection died with the server: the next request must not fail.
        status, _headers, html = server.request("GET", "/ysqgk/")
        assert status == 200, f"first request after the restart: {status}\n{server.tail()}"
        status, _headers, html = file_application(server, postgres, "after-restart")
        assert status == 200 and "申请已提交" in html, html[-2000:]
        second = re.search(r"FGW-\d{4}-\d{5}", html)[0]
    finally:
        server.stop()
    numbers = postgres.psql(
        "govcms", "-tAc", "SELECT number FROM disclosure_disclosurerequest ORDER BY number"
    ).split()
    assert numbers == sorted([first, second])
