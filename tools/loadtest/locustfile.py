"""Load test: readers of the demo cluster plus applicants filing on-request disclosure forms.

Run by tools/loadtest/run.sh (gunicorn on 127.0.0.1 with the production settings, PostgreSQL,
Redis and Elasticsearch). Each simulated visitor:
  - reaches the server through a "reverse proxy" (this process): it sends X-Forwarded-Proto:
    https, as the TLS proxy of a production deployment does, and X-Forwarded-For with its own
    address from the benchmarking range 198.18.0.0/15, which the server believes only because
    run.sh lists 127.0.0.1 in DJANGO_TRUSTED_PROXIES; rate limits then count per visitor;
  - files real applications: it fetches the form and the captcha image, reads the captcha
    answer from the database (as a human reads the image; only someone with database access can
    do this), and posts the form with its CSRF token. Nothing is switched off on the server.
"""

import ipaddress
import itertools
import os
import random
import re
import threading
import uuid

import django
import psycopg
from locust import FastHttpUser, between, task

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cluster.settings.production")
django.setup()

from django.db import connections  # noqa: E402
from targets import sample  # noqa: E402  (locust puts this folder on sys.path)

URLS = sample()
connections.close_all()  # every simulated visitor is a greenlet: no Django connection per visitor
DATABASE = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
DATABASE_LOCK = threading.Lock()  # gevent makes this a greenlet lock: one query at a time
# A fresh block of addresses per run: the server's per-address rate limits (10 filings an hour)
# would otherwise still count the previous run's visitors.
FIRST_ADDRESS = ipaddress.ip_address("198.18.0.10") + random.randrange(0, 120_000, 1_000)
ADDRESSES = (str(FIRST_ADDRESS + n) for n in itertools.count())
WAIT = [float(part) for part in os.environ.get("LOAD_WAIT", "1,3").split(",")]
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CAPTCHA = re.compile(r'name="captcha_0" value="([^"]+)"')
SUBMISSION = re.compile(r'name="submission_token" value="([^"]+)"')
ORGANISATION = re.compile(r'<option value="(\d+)"')
APPLICANT = {
    "applicant_kind": "natural",
    "applicant_name": "压力测试申请人",
    "id_type": "居民身份证",
    "id_number": "43050219900101123X",  # a valid GB 11643 check digit: the form verifies it
    "phone": "13800000000",
    "email": "loadtest@example.com",
    "description": "压力测试：申请公开2026年城区道路改造项目的立项批复",
    "information_form": "electronic",
    "delivery": "email",
}


def captcha_answer(key: str) -> str:
    """What a person would read off the captcha image (one shared database connection)."""
    with DATABASE_LOCK:
        row = DATABASE.execute(
            "SELECT response FROM captcha_captchastore WHERE hashkey = %s", [key]
        ).fetchone()
    return row[0] if row else ""


class Visitor(FastHttpUser):
    """A member of the public: reads pages, searches, sometimes files an application."""

    wait_time = between(*WAIT)

    def on_start(self):
        self.address = next(ADDRESSES)

    def headers(self, host, **extra):
        return {
            "Host": host,
            "X-Forwarded-For": self.address,
            "X-Forwarded-Proto": "https",
            **extra,
        }

    def visit(self, kind, name):
        host, path = random.choice(URLS[kind])
        with self.client.get(path, headers=self.headers(host), name=name, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")

    @task(30)
    def home_page(self):
        self.visit("home", "首页")

    @task(20)
    def catalog_list(self):
        self.visit("catalog", "公开目录列表")

    @task(25)
    def item_page(self):
        self.visit("item", "信息/文章页")

    @task(15)
    def search(self):
        self.visit("search", "站内搜索")

    @task(3)
    def file_application(self):
        """Fetch the form and its captcha image, then file; the receipt must name a number."""
        host, path = random.choice(URLS["filing"])
        form = self.client.get(path, headers=self.headers(host), name="申请表")
        text = form.text or ""
        token, key, submission = TOKEN.search(text), CAPTCHA.search(text), SUBMISSION.search(text)
        cookie = form.headers.get("Set-Cookie", "")
        csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie)
        if not (form.status_code == 200 and token and key and submission and csrf_cookie):
            return
        self.client.get(
            f"{path}captcha/image/{key.group(1)}/", headers=self.headers(host), name="验证码图片"
        )
        answer = captcha_answer(key.group(1))
        data = APPLICANT | {
            "csrfmiddlewaretoken": token.group(1),
            "submission_token": submission.group(1) or uuid.uuid4().hex,
            "captcha_0": key.group(1),
            "captcha_1": answer,
        }
        if organisation := ORGANISATION.search(text):
            data["organisation"] = organisation.group(1)
        headers = self.headers(
            host,
            Cookie=f"csrftoken={csrf_cookie.group(1)}",
            Referer=f"https://{host}{path}",
        )
        with self.client.post(
            path, data=data, headers=headers, name="提交申请", catch_response=True
        ) as response:
            if response.status_code != 200 or "申请已提交" not in (response.text or ""):
                response.failure(f"HTTP {response.status_code}: 未得到回执")
