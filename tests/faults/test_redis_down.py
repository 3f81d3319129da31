"""Redis stopped: filing a request still succeeds, and its e-mails go out once Redis returns.

Redis is both the cache (rate-limit counters) and the Celery broker. A private Redis stands in
for both; the test stops it, files an application through the public form, starts it again
and lets a real worker relay the outbox.
"""

import time

import pytest
from captcha.models import CaptchaStore
from django.test import Client

from cluster import outbox, workdays
from cluster.models import OutgoingMail
from disclosure.models import DisclosureRequest, OfficerNotification
from search.models import IndexBacklog, SearchEntry
from search.tasks import flush_backlog
from tests.disclosure.helpers import APPLICANT
from tests.helpers import make_article, make_column, make_organisation, make_user

from .servers import wait_until
from .workers import celery_client, sent_mail

pytestmark = [
    pytest.mark.services,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def redis_cache(settings, redis_server):
    """The production cache set-up (Redis, failing soft) on the private Redis."""
    settings.CACHES = settings.CACHES | {
        "default": {"BACKEND": "cluster.cache.ResilientRedisCache", "LOCATION": redis_server.url(1)}
    }
    settings.RATELIMIT_FAIL_OPEN = True


def application(token):
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    return APPLICANT | {"submission_token": token, "captcha_0": key, "captcha_1": answer}


def test_filing_succeeds_while_redis_is_down_and_mail_follows(redis_server, redis_cache, workers):
    workdays.clear_cache()
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname="fgw.localhost", parent=portal)
    officer = make_user("fgw_officer", fgw, "officer")
    officer.email = "officer@fgw.example"
    officer.save()
    news = make_column(fgw.home_page, "news")
    broker = redis_server.url(0)

    with celery_client(broker):
        redis_server.stop()
        started = time.monotonic()
        response = Client().post("/ysqgk/", application("redis-down"), HTTP_HOST="fgw.localhost")
        elapsed = time.monotonic() - started
        text = response.content.decode()
        assert response.status_code == 200, text[:2000]
        assert "申请已提交" in text
        request = DisclosureRequest.objects.get()
        assert request.number in text
        assert OfficerNotification.objects.get().user == officer  # dashboard notice: no broker
        assert OutgoingMail.objects.filter(sent_at__isnull=True).count() == 2
        assert elapsed < 15, f"filing took {elapsed:.1f} s while Redis was down"

        # An article published meanwhile: its indexing task cannot be queued; the key waits.
        article = make_article(news, "outage", title="缓存故障期间发布的通知")
        key = f"article:{article.pk}"
        assert list(IndexBacklog.objects.values_list("key", flat=True)) == [key]

        redis_server.start()
        workers(broker)
        # What the beat entries do every minute once Celery runs again.
        assert outbox.relay_outbox.delay().get(timeout=90) == 2
        assert flush_backlog.delay().get(timeout=90) == 1
        assert not OutgoingMail.objects.filter(sent_at__isnull=True).exists()
        mails = sent_mail(workers.mail_dir)
        assert sorted(mail["to"][0] for mail in mails) == [
            "officer@fgw.example",
            APPLICANT["email"],
        ]
        assert all(request.number in mail["body"] for mail in mails)

        # Relaying again (a second beat run, a redelivered task) sends nothing more.
        assert outbox.relay_outbox.delay().get(timeout=60) == 0
        assert len(sent_mail(workers.mail_dir)) == 2
        assert set(OutgoingMail.objects.values_list("attempts", flat=True)) == {1}
        assert not IndexBacklog.objects.exists()
        assert SearchEntry.objects.get(key=key).title == "缓存故障期间发布的通知"

        # New filings now reach the officers at once, through the task queued on commit.
        response = Client().post("/ysqgk/", application("redis-up"), HTTP_HOST="fgw.localhost")
        assert response.status_code == 200
        wait_until(lambda: len(sent_mail(workers.mail_dir)) == 4, 60, "mail of the second filing")
