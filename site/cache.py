"""A Redis cache that degrades to "no cache" while Redis is unreachable, instead of failing.

The cache only ever holds copies (synonym lists, QR codes) and rate-limit counters, so a Redis
outage must not turn a page or the application form into an error: reads miss, writes are
dropped, counters fail (django-ratelimit then fails open, see RATELIMIT_FAIL_OPEN), and each
failure is logged.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one `redis.Redis` per connection pool.

    Django builds a new `redis.Redis` for every cache operation, and each one copies redis-py's
    table of ~170 response callbacks: about 1 ms of CPU per operation, several per uncached page
    (fragments, tag versions). A `redis.Redis` is safe to share (connections come from its
    pool), and Django keeps one cache backend, hence one client, per thread anyway.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """django's RedisCache; on a connection failure reads miss and writes are skipped."""

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        options.setdefault("socket_connect_timeout", 1)  # a dead host must not hang pages
        options.setdefault("socket_timeout", 1)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def _guard(self, operation, default, *args, **kwargs):
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except UNREACHABLE as error:
            logger.warning("Cache unavailable (%s skipped): %s", operation, error)
            return default

    def get(self, key, default=None, version=None):
        return self._guard("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, keys, version)

    def add(self, key, value, timeout=None, version=None):
        return self._guard("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=None, version=None):
        return self._guard("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._guard("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._guard("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, keys, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            logger.warning("Cache unavailable (incr skipped): %s", error)
            raise ValueError("cache unavailable") from error  # what a missing key raises

    def clear(self):
        return self._guard("clear", False)


def resilient(config: dict) -> dict:
    """`config` with Django's RedisCache swapped for ResilientRedisCache (others unchanged)."""
    if config.get("BACKEND") == "django.core.cache.backends.redis.RedisCache":
        return config | {"BACKEND": "cluster.cache.ResilientRedisCache"}
    return config
