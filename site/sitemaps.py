"""sitemap.xml of each site: every live public page and item of that site, with lastmod.

A department with its own hostname has its home page inside the portal's tree; the portal's
sitemap leaves that subtree out, because a sitemap lists only URLs of its own host.
"""

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Site

PAGE_LIMIT = 5000  # URLs per sitemap file (the protocol allows 50,000; pages are rendered specific)


class SiteSitemap(Sitemap):
    """The pages of the site serving the request, without other sites nested in its tree."""

    limit = PAGE_LIMIT

    def items(self):
        site = self.get_wagtail_site()
        pages = site.root_page.get_descendants(inclusive=True).live().public()
        nested = Site.objects.exclude(pk=site.pk).filter(
            root_page__path__startswith=site.root_page.path
        )
        for path in nested.values_list("root_page__path", flat=True):
            pages = pages.exclude(path__startswith=path)
        return pages.order_by("path").defer_streamfields().specific()


SITEMAPS = {"pages": SiteSitemap}
