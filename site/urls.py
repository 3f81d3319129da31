"""URL configuration shared by every site of the cluster."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from .api import api
from .sitemaps import SITEMAPS
from .views import public
from .views.probe import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", api.urls),
    path("search/", include("search.urls")),
    path("ysqgk/", include("disclosure.urls")),
    path("approvals/", include("disclosure.approvals.urls")),
    path("robots.txt", public.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("wzdt/", public.site_map, name="site_map"),
    path("favicon.ico", public.favicon),
]

# Uploaded media: served by the web server in production; by Django in the embedded profile,
# also when it runs with DEBUG off as `make demo` does (SERVE_MEDIA).
if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "cluster.views.public.page_not_found"
handler500 = "cluster.views.public.server_error"
