"""Settings shared by every profile. Deployment-specific values come from the environment."""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-dev-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", ".localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "cluster",
    "cluster.pagecache",
    "catalog",
    "disclosure",
    "disclosure.approvals",
    "search",
    "themes",
    "bench",
    "captcha",  # django-simple-captcha: the public application form
    "ninja",  # API docs from bundled static files, not from a CDN
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "guardian",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # its catalog: Wagtail's workflow status says "2 分钟以前"
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cluster.security_headers.SecurityHeadersMiddleware",  # also on page-cache hits
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cluster.pagecache.middleware.PageCacheMiddleware",  # before sessions: a hit skips them
    "cluster.view_restrictions.ViewRestrictionsPerRequestMiddleware",
    "cluster.site_table.SiteTablePerRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cluster.admin_messages.AnnouncementMiddleware",  # after MessageMiddleware (it stores them)
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cluster.urls"
WSGI_APPLICATION = "cluster.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cluster.theming.theme_context",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
# PostgreSQL: the queries every public page runs are prepared once per session
# (cluster.compiled_queries). Turn off behind a pooler that does not keep sessions
# (PgBouncer in transaction mode).
DATABASE_PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
# The embedded demo serves several people at once. WAL lets readers run beside the one
# writer; BEGIN IMMEDIATE takes the write lock at the start of a transaction, so a second
# writer waits (up to `timeout` seconds) instead of failing with "database is locked" when its
# read lock cannot be upgraded half-way through (SQLite does not wait in that case).
SQLITE_OPTIONS = {
    "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=30),
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row; the public has no object perms

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# Our catalog comes first: it translates the admin strings Wagtail ships untranslated
# (site/locale, docs/admin.md). LOCALE_PATHS also reaches Wagtail's JavaScript catalog.
LOCALE_PATHS = [BASE_DIR / "site" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=VAR_DIR / "media")
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Page cache (cluster.pagecache): local memory for one embedded process, Redis in production.
CACHES["pagecache"] = env.cache("PAGECACHE_URL", default="locmemcache://pagecache")
CACHES["pagecache"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)
PAGECACHE_ENABLED = env.bool("PAGECACHE_ENABLED", default=True)
# Navigation and footer fragments, cached even with the page cache off (uncached pages).
PAGECACHE_FRAGMENTS = env.bool("PAGECACHE_FRAGMENTS", default=True)
PAGECACHE_TIMEOUT = env.int("PAGECACHE_TIMEOUT", default=3600)  # seconds; never past midnight
PAGECACHE_MAX_QUERY_LENGTH = 200  # longer query strings (odd filter combinations) are not cached
# HTTP cache nodes in front (Varnish, deploy/varnish/default.vcl), purged by surrogate keys:
# e.g. "http://10.0.0.5:80,http://10.0.0.6:80". Empty: no HTTP cache, no xkey headers.
HTTP_CACHE_NODES = env.list("HTTP_CACHE_NODES", default=[])
# The static mirror (cluster.pagecache.mirror): published pages written as HTML files that the
# nginx in front serves itself (deploy/nginx/govcms.conf). Empty: off.
STATIC_MIRROR_ROOT = env("STATIC_MIRROR_ROOT", default="")
PAGECACHE_SKIP_PREFIXES = [
    "/healthz", "/admin/", "/api/", "/search/", "/ysqgk/", "/approvals/", "/documents/", "/static/", "/media/",
]  # fmt: skip

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="noreply@localhost")

LOGIN_URL = "wagtailadmin_login"

# Security headers (cluster.security_headers). Public pages: nothing inline, nothing from
# another host. Admin: Wagtail 8 writes inline scripts and styles, still only this host.
_SELF = ["'self'"]
CSP_PUBLIC = {
    "default-src": _SELF,
    "script-src": _SELF,
    "style-src": _SELF,
    "img-src": [*_SELF, "data:"],
    "font-src": [*_SELF, "data:"],
    "connect-src": _SELF,
    "frame-src": _SELF,
    "object-src": ["'none'"],
    "base-uri": _SELF,
    "form-action": _SELF,
    "frame-ancestors": _SELF,  # the admin previews pages in a frame
}
CSP_ADMIN = CSP_PUBLIC | {
    "script-src": [*_SELF, "'unsafe-inline'"],
    "style-src": [*_SELF, "'unsafe-inline'"],
    "img-src": [*_SELF, "data:", "blob:"],
}
CSP_ADMIN_PREFIXES = ["/admin/", "/django-admin/"]
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "accelerometer": [],
    "gyroscope": [],
    "magnetometer": [],
    "fullscreen": ["self"],
}

# Wagtail
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # an intranet admin makes no outside requests
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="政府网站集约化平台")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# The admin is Chinese only, in China's one time zone: no list of 40 languages and 600 zones
# in the account settings (账户设置).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
# The last approval of a workflow publishes without asking the approver's publish right:
# governed pages have no other way to go live (cluster.publishing).
WAGTAIL_FINISH_WORKFLOW_ACTION = "cluster.workflow_finish.publish_approved"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "ofd",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "wps",
    "et",
    "zip",
    "jpg",
    "png",
]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cluster.forms.DocumentForm"  # personal data in titles
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Celery: embedded profile runs tasks in-process; production points at Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://"
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "inspect-sites": {"task": "cluster.tasks.inspect_sites", "schedule": crontab(hour=2, minute=0)},
    "send-health-digests": {
        "task": "cluster.tasks.send_health_digests",
        "schedule": crontab(day_of_week="mon", hour=8, minute=0),
    },
    # The transactional outbox (cluster.outbox): e-mails queued while Redis was down.
    "relay-outbox": {"task": "cluster.outbox.relay_outbox", "schedule": 60.0},
}
# The static mirror's past hours (nginx reads only the current one's directory).
CELERY_BEAT_SCHEDULE["pagecache-prune-static-mirror"] = {
    "task": "cluster.pagecache.tasks.prune_static_mirror",
    "schedule": crontab(minute="*/10"),
}
# Task modules outside the apps' `tasks.py` (autodiscovered): the outbox keeps its relay beside it.
CELERY_IMPORTS = ("cluster.outbox",)
CELERY_BEAT_SCHEDULE["catalog-refresh-expired-items"] = {
    "task": "catalog.tasks.refresh_expired_items",
    "schedule": crontab(hour=0, minute=20),
}
CELERY_BEAT_SCHEDULE["disclosure-deadline-reminders"] = {
    "task": "disclosure.tasks.send_deadline_reminders",
    "schedule": 60 * 60,
}
CELERY_BEAT_SCHEDULE["disclosure-expire-corrections-and-fees"] = {
    "task": "disclosure.tasks.expire_corrections_and_fees",
    "schedule": 60 * 60,
}
CELERY_BEAT_SCHEDULE["disclosure-annual-report-reminders"] = {
    "task": "disclosure.tasks.send_annual_report_reminders",
    "schedule": crontab(hour=8, minute=30),
}
# The application form checks a captcha without sweeping expired ones (disclosure.captcha_field).
CELERY_BEAT_SCHEDULE["disclosure-remove-expired-captchas"] = {
    "task": "disclosure.tasks.remove_expired_captchas",
    "schedule": 10 * 60,
}
CELERY_BEAT_SCHEDULE["disclosure-resume-lapsed-consultations"] = {  # 条例第三十二条: 15 days
    "task": "disclosure.tasks.resume_lapsed_consultations",
    "schedule": 60 * 60,
}

# On-request disclosure (disclosure/). Reminders: working days before the due date.
DISCLOSURE_REMINDER_WORKING_DAYS = env.list(
    "DISCLOSURE_REMINDER_WORKING_DAYS", cast=int, default=[5, 2]
)
# Annual report: remind this many calendar days before the 31 January / 31 March deadline.
DISCLOSURE_ANNUAL_REPORT_REMINDER_DAYS = env.list(
    "DISCLOSURE_ANNUAL_REPORT_REMINDER_DAYS", cast=int, default=[30, 7]
)
# A submission on a non-working day counts from the next working day (practice, not statute).
DISCLOSURE_NON_WORKING_DAY_RECEIPT_MOVES = True
DISCLOSURE_PDF_FONT = env(
    "DISCLOSURE_PDF_FONT", default="/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
)
# Reply letters, applicants' uploads and reply attachments: never under MEDIA_ROOT. They live in
# the "private" storage (STORAGES below; an S3-compatible backend can replace it) and are
# delivered only by views that check the right (disclosure.private_files).
DISCLOSURE_PRIVATE_ROOT = env.path("DISCLOSURE_PRIVATE_ROOT", default=VAR_DIR / "private")
STORAGES["private"] = {
    "BACKEND": "cluster.storages.PrivateFileSystemStorage",
    "OPTIONS": {"location": str(DISCLOSURE_PRIVATE_ROOT)},
}
# Behind nginx, set PRIVATE_FILES_ACCEL_HEADER=X-Accel-Redirect and an `internal` location at
# PRIVATE_FILES_ACCEL_PREFIX aliased to DISCLOSURE_PRIVATE_ROOT: the view checks the right and
# nginx sends the bytes. Empty: Django streams the file itself (development, tests).
PRIVATE_FILES_ACCEL_HEADER = env("PRIVATE_FILES_ACCEL_HEADER", default="")
PRIVATE_FILES_ACCEL_PREFIX = env("PRIVATE_FILES_ACCEL_PREFIX", default="/_private/")
DISCLOSURE_UPLOAD_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "doc", "docx", "ofd"]
DISCLOSURE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
CAPTCHA_IMAGE_SIZE = (120, 40)
# upstream's arcs and dots; the dots drawn in one call (disclosure.captcha_field.noise_dots)
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_arcs", "disclosure.captcha_field.noise_dots")
RATELIMIT_VIEW = "disclosure.views.public.rate_limited"
# Rate limits count per visitor; behind a reverse proxy, list it here (addresses or networks)
# so its X-Forwarded-For is believed (cluster.client_ip). Nobody else's header is.
TRUSTED_PROXIES = env.list("DJANGO_TRUSTED_PROXIES", default=[])
RATELIMIT_IP_META_KEY = "cluster.client_ip.client_ip"
# django-ratelimit needs a shared cache in production (CACHE_URL=redis://...); the embedded
# profile's local-memory cache limits per process, which is enough on one machine.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# When the cache (Redis) is down, count nothing and let the form through (the captcha still
# guards it) rather than refuse every applicant; cluster.cache logs the outage.
RATELIMIT_FAIL_OPEN = True
CELERY_BEAT_SCHEDULE["approvals-exchange-pickup"] = {
    "task": "disclosure.approvals.tasks.pick_up_exchange_files",
    "schedule": 300.0,
}
CELERY_BEAT_SCHEDULE["approvals-withdraw-expired"] = {
    "task": "disclosure.approvals.tasks.withdraw_expired_notices",
    "schedule": 3600.0,
}
# Approval results (disclosure.approvals): files dropped by the approval system.
APPROVALS_EXCHANGE_DIR = env.path("APPROVALS_EXCHANGE_DIR", default=VAR_DIR / "approvals-exchange")

# Search (our own service in search/): database by default, Elasticsearch when a URL is set.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", default="govcms")
# The cluster has the IK analysis plugin: let it segment instead of jieba + whitespace.
SEARCH_ELASTICSEARCH_IK = env.bool("SEARCH_ELASTICSEARCH_IK", default=False)
# After a failed request, answer from the database for this long before asking the node again.
SEARCH_BREAKER_SECONDS = env.int("SEARCH_BREAKER_SECONDS", default=30)
# Totals are exact up to this many results, then approximate (Elasticsearch track_total_hits).
SEARCH_TOTAL_HITS_EXACT = env.int("SEARCH_TOTAL_HITS_EXACT", default=10000)
CELERY_BEAT_SCHEDULE["search-flush-backlog"] = {  # replay index writes missed during an outage
    "task": "search.tasks.flush_backlog",
    "schedule": 60.0,
}

# Themes every site may choose from (templates under themes/templates/themes/<key>/).
GOVCMS_THEMES = [
    ("red", "党政红"),
    ("blue", "政务蓝"),
]
GOVCMS_DEFAULT_THEME = "red"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "jieba": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
LOGGING["loggers"]["fontTools"] = {"level": "WARNING"}  # PDF font subsetting chatter
