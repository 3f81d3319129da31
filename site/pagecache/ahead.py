"""Fragments of a page read ahead in one cache call: the site's chrome (navigation and
footer, shown by every public page) with the page's own fragments (a catalog list's tree, an
item's rich text), then all their tag versions in a second call. Without it each fragment read
its value and its tags separately, five cache round trips for an uncached item or list page."""

import hashlib

from wagtail.models import Site

from . import store


def chrome_names(site, request) -> tuple[str, str]:
    """Fragment names of the navigation and the footer of `site` at this host."""
    host = request.get_host()
    return f"menu:{site.pk}:{host}", f"footer:{site.pk}:{host}"


def home_columns_name(home, request) -> str:
    """Fragment name of a site home's column blocks at this host."""
    return f"home-columns:{home.pk}:{request.get_host()}"


def richtext_name(html) -> str:
    """Fragment name of expanded rich text: keyed by the stored HTML (an edit is a new key)."""
    return "richtext:" + hashlib.sha256(str(html or "").encode()).hexdigest()


def prefetch_page(request, names=()) -> None:
    """Read the chrome of the request's site and the fragments `names` ahead of their use."""
    site = Site.find_for_request(request) if request is not None else None
    chrome = chrome_names(site, request) if site is not None else ()
    store.prefetch([*chrome, *names])
