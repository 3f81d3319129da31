"""With the cache server unreachable, pages and the application form still work."""

import pytest
from captcha.models import CaptchaStore

from cluster.cache import ResilientRedisCache, resilient
from disclosure.models import DisclosureRequest
from tests.disclosure.helpers import APPLICANT
from tests.helpers import make_organisation

from ..faults.servers import free_port

UNREACHABLE = {"BACKEND": "cluster.cache.ResilientRedisCache"}


@pytest.fixture
def dead_cache(settings):
    """The production cache backend pointed at a port where nothing listens."""
    location = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = settings.CACHES | {"default": UNREACHABLE | {"LOCATION": location}}
    settings.RATELIMIT_FAIL_OPEN = True


def test_reads_miss_and_writes_are_skipped():
    cache = ResilientRedisCache(f"redis://127.0.0.1:{free_port()}/0", {})
    assert cache.get("k", "default") == "default"
    assert cache.add("k", 1) is False
    assert cache.set("k", 1) is None
    assert cache.get_many(["k"]) == {}
    with pytest.raises(ValueError):
        cache.incr("k")  # like a missing key: django-ratelimit then fails open


def test_production_swaps_only_the_redis_backend():
    redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}
    assert resilient(redis)["BACKEND"] == "cluster.cache.ResilientRedisCache"
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    assert resilient(local) == local


def test_application_form_is_accepted_while_the_cache_is_down(client, db, dead_cache, caplog):
    portal = make_organisation("portal", hostname="www.localhost")
    make_organisation("fgw", hostname="fgw.localhost", parent=portal)
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    data = APPLICANT | {"submission_token": "t", "captcha_0": key, "captcha_1": answer}
    response = client.post("/ysqgk/", data, HTTP_HOST="fgw.localhost")
    assert response.status_code == 200
    assert "申请已提交" in response.content.decode()
    assert DisclosureRequest.objects.count() == 1
    assert "Cache unavailable" in caplog.text


def test_operations_share_one_redis_client_per_pool():
    cache = ResilientRedisCache(f"redis://127.0.0.1:{free_port()}/0", {})
    client = cache._cache.get_client("a", write=True)
    assert cache._cache.get_client("b", write=True) is client
    assert cache._cache.get_client("c") is client  # one server: reads use the writers' pool
    assert cache.get("k", "default") == "default"  # still degrades to a miss when unreachable
