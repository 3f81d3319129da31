"""Reads from a PostgreSQL replica (DATABASE_REPLICA_URL) where a lag cannot be noticed.

Only anonymous GET/HEAD requests read from the replica: the public pages, which the caches
serve anyway for most visitors. Editors (session cookie), form submissions and background
tasks read from the primary, so nobody reads an older copy of what they have just written.
"""

import contextvars

from django.conf import settings

REPLICA = "replica"
_replica_reads = contextvars.ContextVar("replica_reads", default=False)


class ReplicaRouter:
    """Route reads to the replica while the current request allows it; writes to the primary."""

    def db_for_read(self, model, **hints):
        if _replica_reads.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: same rows, same ids

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    """Allow replica reads for the duration of an anonymous GET/HEAD request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = request.method in ("GET", "HEAD") and not (
            settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
        )
        token = _replica_reads.set(allowed)
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)
