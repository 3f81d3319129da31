"""Page URLs for lists: Wagtail's answer for each row, without its lookup for each row."""

from urllib.parse import quote

from django.urls import reverse
from wagtail.models import Site

# what Django's reverse() leaves unquoted in a path (django.urls.resolvers)
_SAFE = "!$&'()*+,;=/~:@"


def page_url_builder(request):
    """A function url_path -> the URL `Page.get_url(request)` gives for that page.

    Wagtail's per-page lookup (site root paths, current site, `reverse()`) costs more than the
    rest of a list row; a list asks it once and then only compares prefixes. Relative on the
    current site, absolute (with the other site's root URL) elsewhere, None if under no site.
    """
    site = Site.find_for_request(request)
    roots = getattr(request, "_wagtail_cached_site_root_paths", None)
    if roots is None:
        roots = request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
    prefix = reverse("wagtail_serve", args=("",))
    several_sites = len({root.site_id for root in roots}) > 1
    current = site.pk if site else None

    def url_for(url_path: str) -> str | None:
        matches = [root for root in roots if url_path.startswith(root.root_path)]
        if not matches:
            return None
        chosen = next((root for root in matches if root.site_id == current), matches[0])
        path = prefix + quote(url_path[len(chosen.root_path) :], safe=_SAFE)
        if chosen.site_id == current or not several_sites:
            return path
        return chosen.root_url + path

    return url_for
