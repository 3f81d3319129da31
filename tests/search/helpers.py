"""Hosts and builders of the search tests' small cluster."""

import datetime as dt

from wagtail.models import Page

from cluster.models import ArticlePage
from tests.helpers import add_page

PORTAL_HOST = "www.example.gov.cn"
FGW_HOST = "fgw.example.gov.cn"


def make_article(column, slug, **fields):
    """A published article (tests.helpers.make_article fixes the body; search needs it)."""
    fields.setdefault("body", "<p>正文</p>")
    return add_page(column, ArticlePage(slug=slug, **fields))


def dated(page, day: str):
    """Back-date a page's publication (the demo loader does the same)."""
    moment = dt.datetime.fromisoformat(f"{day}T09:30:00+08:00")
    Page.objects.filter(id=page.id).update(first_published_at=moment)
    return page
