"""Public pages of every site that are not Wagtail pages: robots.txt, 网站地图, error pages."""

import logging

from django.db.models import Q
from django.http import (
    HttpResponse,
    HttpResponseNotFound,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.templatetags.static import static
from wagtail.models import Page, Site

from ..theming import template_candidates

logger = logging.getLogger(__name__)
SITE_MAP_DEPTH = 3  # levels below the home page shown on 网站地图 (columns, sub-columns)


def robots_txt(request):
    """robots.txt: the public pages may be indexed; the admin may not; where the sitemap is."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /ysqgk/status/",
        f"Sitemap: {request.scheme}://{request.get_host()}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    """/favicon.ico, asked for by browsers and feed readers: the theme's icon."""
    return HttpResponsePermanentRedirect(static("themes/common/favicon.svg"))


def site_map(request):
    """网站地图: the site's columns and catalog sections as a nested list (no single articles)."""
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    tree = _tree(root) if root else []
    return TemplateResponse(
        request, template_candidates(request, "site_map.html"), {"root": root, "tree": tree}
    )


def _tree(root):
    """(page, children) pairs below `root`, SITE_MAP_DEPTH levels deep, in tree order.

    Only sections are listed (pages with pages under them, and every top-level page), not the
    articles and items inside them: those are in sitemap.xml.

    Sites with their own hostname nested in this tree (departments under the portal) are left
    out: they have their own 网站地图.
    """
    nested = [
        path
        for path in Site.objects.values_list("root_page__path", flat=True)
        if path.startswith(root.path) and path != root.path
    ]
    pages = (
        root.get_descendants()
        .live()
        .public()
        .filter(depth__lte=root.depth + SITE_MAP_DEPTH)
        .filter(Q(numchild__gt=0) | Q(depth=root.depth + 1))  # sections, not single articles
        .order_by("path")
    )
    children = {}
    for page in pages:
        if not any(page.path.startswith(path) for path in nested):
            children.setdefault(page.path[: -Page.steplen], []).append(page)
    return _nest(children, root.path)


def _nest(children, path):
    return [(page, _nest(children, page.path)) for page in children.get(path, [])]


def page_not_found(request, exception=None):
    """Themed 404 (找不到页面) in Chinese, with the way home and to search."""
    try:
        return TemplateResponse(
            request, template_candidates(request, "404.html"), {}, status=404
        ).render()
    except Exception:  # noqa: BLE001 - an error page must not fail
        logger.exception("themed 404 page failed")
        return HttpResponseNotFound(render_to_string("themes/common/500_plain.html"))


def server_error(request):
    """Themed 500 when the theme can still be rendered; a plain Chinese page otherwise."""
    try:
        return TemplateResponse(
            request, template_candidates(request, "500.html"), {}, status=500
        ).render()
    except Exception:  # noqa: BLE001 - the database or cache may be what failed
        logger.exception("themed 500 page failed")
        return HttpResponseServerError(render_to_string("themes/common/500_plain.html"))
