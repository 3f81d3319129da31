"""Production: PostgreSQL, Redis (cache and Celery broker), Elasticsearch, secure cookies."""

from cluster.cache import resilient

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
# A kept connection may have died with a database restart: check it before each request reuses it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Scaling out: a streaming replica for anonymous page reads (cluster.replica).
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASE_ROUTERS = ["cluster.replica.ReplicaRouter"]
    MIDDLEWARE = [*MIDDLEWARE, "cluster.replica.ReplicaReadsMiddleware"]  # noqa: F405
# Media through Django's storage API: e.g. DJANGO_DEFAULT_STORAGE=storages.backends.s3.S3Storage
# with DJANGO_STORAGE_OPTIONS='{"bucket_name": "govcms", "endpoint_url": "https://s3.example"}'
# (django-storages[s3]) so every application node shares one S3-compatible store.
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "default": {
        "BACKEND": env(
            "DJANGO_DEFAULT_STORAGE", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json("DJANGO_STORAGE_OPTIONS", default={}),
    },
}
CACHES = {
    "default": resilient(
        env.cache("CACHE_URL", default=env("REDIS_URL", default="redis://127.0.0.1:6379/1"))
    )
}
# Several worker processes must share one page cache, or a purge would reach only one of them.
# While Redis is unreachable pages are served uncached; a purge made then is lost, so a page
# cached before the outage can outlive its change by at most PAGECACHE_TIMEOUT.
CACHES["pagecache"] = resilient(
    env.cache(
        "PAGECACHE_URL",
        default=env("CACHE_URL", default=env("REDIS_URL", default="redis://127.0.0.1:6379/1")),
    )
)
CACHES["pagecache"]["KEY_PREFIX"] = "pagecache"
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = False
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the cache's probe speaks plain HTTP on loopback
# Off only on a loopback stack served over plain HTTP (tools/stack.sh).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt into SAMEORIGIN themselves
