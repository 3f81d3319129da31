"""Short, stable public addresses for articles and disclosure items.

A slug filled from a Chinese title becomes a percent-encoded address hundreds of characters
long, and changes whenever the title does. Articles and items therefore get a short slug
`t<yyyymmdd>_<number>` (date of creation, then a sequence number: the page id it receives in
the usual case), e.g. `/xxgk/fdzdgknr/gzhgfxwj/t20261118_12345/`. It is chosen once, when the
page is first saved with an empty or long slug, and never follows later title edits. A slug an
editor typed that is short and ASCII is kept. Old addresses redirect (301) through
wagtail.contrib.redirects: Wagtail records a redirect whenever an editor changes a published
page's slug or moves it, and `convert_long_slugs` records one for every slug it shortens.
"""

import re

from django.db.models import Max
from django.utils import timezone

MAX_SLUG_LENGTH = 40
SHORT_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def is_long_slug(slug: str) -> bool:
    """True when `slug` would make a long or percent-encoded address (non-ASCII or long)."""
    return not slug or len(slug) > MAX_SLUG_LENGTH or not SHORT_SLUG.match(slug)


def short_slug(date, number: int) -> str:
    """`t20261118_12345`: the creation date and a sequence number."""
    return f"t{date:%Y%m%d}_{number}"


class ShortSlugMixin:
    """Gives a new page with an empty or long slug its short slug before it is validated."""

    def full_clean(self, *args, **kwargs):
        if not self.id and is_long_slug(self.slug or ""):
            from wagtail.models import Page

            number = (Page.objects.aggregate(last=Max("id"))["last"] or 0) + 1
            self.slug = short_slug(timezone.localdate(), number)
        return super().full_clean(*args, **kwargs)


def convert_long_slugs(apps, model_label: str) -> int:
    """Data migration step: shorten long slugs of `model_label` pages, keeping a 301 redirect.

    Works on historical models: url_path, the latest revision's slug (so a later publish keeps
    the short slug) and a permanent Redirect from the old site-relative path.
    """
    from wagtail.contrib.redirects.models import Redirect as CurrentRedirect

    model = apps.get_model(*model_label.split("."))
    page_model = apps.get_model("wagtailcore", "Page")
    site_model = apps.get_model("wagtailcore", "Site")
    redirect_model = apps.get_model("wagtailredirects", "Redirect")
    revision_model = apps.get_model("wagtailcore", "Revision")
    sites = [
        (site, page_model.objects.get(id=site.root_page_id)) for site in site_model.objects.all()
    ]
    converted = 0
    fields = ("id", "slug", "url_path", "path", "first_published_at", "content_type_id")
    for page in model.objects.all().only(*fields):
        if not is_long_slug(page.slug):
            continue
        old_url_path = page.url_path
        created = page.first_published_at or timezone.now()
        page.slug = short_slug(timezone.localtime(created).date(), page.id)
        page.url_path = old_url_path[: -len(old_url_path.rstrip("/").split("/")[-1]) - 1]
        page.url_path += page.slug + "/"
        page_model.objects.filter(id=page.id).update(slug=page.slug, url_path=page.url_path)
        _update_revision_slug(revision_model, page)
        for site, root in sites:
            if page.path.startswith(root.path) and old_url_path.startswith(root.url_path):
                old_path = CurrentRedirect.normalise_path(old_url_path[len(root.url_path) - 1 :])
                redirect_model.objects.update_or_create(
                    old_path=old_path,
                    site=site,
                    defaults={"redirect_page_id": page.id, "is_permanent": True},
                )
        converted += 1
    return converted


def _update_revision_slug(revision_model, page):
    latest = (
        revision_model.objects.filter(object_id=str(page.id), content_type_id=page.content_type_id)
        .order_by("-id")
        .first()
    )
    if latest is not None and isinstance(latest.content, dict):
        latest.content = latest.content | {"slug": page.slug, "url_path": page.url_path}
        latest.save(update_fields=["content"])
