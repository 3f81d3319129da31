"""Theme resolution: which template a site renders, from its own overrides, its theme, or common.

A site's templates are looked up in this order:
  themes/sites/<网站标识码>/<name>   single-template overrides for one site
  themes/<theme key>/<name>           the theme the site chose in its settings
  themes/common/<name>                shared structure every theme inherits
"""

from django.conf import settings
from django.template.loader import select_template
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

ELDER_MODE_COOKIE = "elder_mode"


def site_settings_for(request):
    """The SiteSettings of the site serving this request (cached on the request by Wagtail)."""
    from .models import SiteSettings

    return SiteSettings.for_request(request)


def template_candidates(request, name: str) -> list[str]:
    """Template names to try for `name` on the site serving `request`, most specific first."""
    candidates = []
    if request is not None and Site.find_for_request(request) is not None:
        site_id_code = site_settings_for(request).site_id_code
        if site_id_code:
            candidates.append(f"themes/sites/{site_id_code}/{name}")
    candidates += [f"themes/{theme_key(request)}/{name}", f"themes/common/{name}"]
    return candidates


def themed_template(request, name: str):
    """The first existing template for `name` on this request's site."""
    return select_template(template_candidates(request, name))


def theme_key(request) -> str:
    """The theme chosen by the site serving `request` (the default outside any site)."""
    if request is not None and Site.find_for_request(request) is not None:
        return site_settings_for(request).theme
    return settings.GOVCMS_DEFAULT_THEME


def theme_context(request):
    """Context processor: the theme key, and the layout to extend (resolved when used)."""
    return {
        "theme_key": theme_key(request),
        "theme_layout": SimpleLazyObject(lambda: themed_template(request, "layout.html")),
    }
