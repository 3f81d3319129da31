"""What a cached page depends on, and which tags a change purges.

Tags (strings):
  page:<id>          the response shows page <id> (title, link, body, ...): recorded for every
                     page loaded from the database while the response was rendered
  children:<id>      the response lists the children of page <id>, or the pages a column
                     (栏目) or catalog node shows by reference: purged when a page appears there
  subtree:<id>       the response lists descendants of page <id> (catalog lists)
  site:<id>          every page of Wagtail site <id>: footer, theme, navigation root
  wagtailcore.site   links to pages of any site (rich text): purged when a site changes
  <app.model>:<pk>   an object of a tracked model shown on the page (TRACKED_MODELS)
  <app.model>        a tracked model listed as a whole (organisations, topics, annual reports)
  <app>:<name>       a list an app defines (e.g. catalog:items, the portal's city-wide catalog)

A change removes or edits something a page already shows, which the page loaded while
rendering, so `page:`/object tags catch it without knowing the templates. A change can also
add something to a list, which no cached page has loaded yet: the `children:`/`subtree:` and
model tags below name those lists, one rule per page type. The core knows its own page types;
feature apps register the rules of theirs in their `pagecache.py` (imported when the page cache
is ready), so the core imports no feature app.
"""

import contextvars

from django.apps import apps
from django.db.models.signals import post_init
from wagtail.models import Page, Site, get_page_models

SITES_TAG = "wagtailcore.site"

# Non-page models shown on public pages: "instance" tags each object shown; "collection" also
# tags the model as a whole because pages list all of its rows (so a new row purges them).
# The core lists its own; feature apps add theirs with track_model() in their `pagecache.py`.
TRACKED_MODELS = {
    "cluster.Organisation": "collection",
    "cluster.SiteSettings": "instance",
    "wagtaildocs.Document": "instance",
    "wagtailimages.Image": "instance",
}
# Rules of the apps for the lists a page shows (response) and the lists a page change reaches
# (change); see register_response_rule / register_change_rule.
_RESPONSE_RULES = []
_CHANGE_RULES = []


def track_model(label: str, how: str = "instance") -> None:
    """Track a non-page model shown on public pages ("instance" or "collection")."""
    TRACKED_MODELS[label] = how


def register_response_rule(rule):
    """`rule(page) -> set of tags` for the lists a page of the app's types shows (decorator)."""
    _RESPONSE_RULES.append(rule)
    return rule


def register_change_rule(rule):
    """`rule(page, specific_class) -> set of tags` a change of such a page purges (decorator)."""
    _CHANGE_RULES.append(rule)
    return rule


_collected: contextvars.ContextVar[set | None] = contextvars.ContextVar("pagecache", default=None)


def start_collecting():
    """Record the tags of every tracked object loaded from now on in this context."""
    return _collected.set(set())


def stop_collecting(token) -> set[str]:
    tags = _collected.get() or set()
    _collected.reset(token)
    return tags


def record_tags(tags) -> None:
    """Count `tags` among the collected ones (a fragment taken from the cache loads nothing)."""
    collected = _collected.get()
    if collected is not None:
        collected.update(tags)


def _record_page(sender, instance, **kwargs):
    tags = _collected.get()
    if tags is not None and instance.pk is not None:
        tags.add(f"page:{instance.pk}")


def _record_object(sender, instance, **kwargs):
    tags = _collected.get()
    if tags is not None and instance.pk is not None:
        tags.add(object_tag(instance))


def connect_tracking() -> None:
    """Listen to object creation of page models and tracked models (only while collecting)."""
    for model in {Page, *get_page_models()}:
        post_init.connect(_record_page, sender=model, dispatch_uid=f"pagecache-{model._meta}")
    for model in tracked_models():
        post_init.connect(_record_object, sender=model, dispatch_uid=f"pagecache-{model._meta}")


def tracked_models():
    """The installed models of TRACKED_MODELS."""
    installed = []
    for label in TRACKED_MODELS:
        try:
            installed.append(apps.get_model(label))
        except LookupError:
            continue
    return installed


def model_tag(model) -> str:
    return model._meta.label_lower


def object_tag(instance) -> str:
    return f"{model_tag(type(instance))}:{instance.pk}"


def object_change_tags(instance) -> set[str]:
    """Tags to purge when a tracked object changes: the object, and the lists of its model."""
    tags = {object_tag(instance)}
    if TRACKED_MODELS.get(instance._meta.label) == "collection":
        tags.add(model_tag(type(instance)))
    return tags


def compact(tags: set[str]) -> set[str]:
    """Drop object tags covered by their model's tag (any change of the model purges that)."""
    models = {tag for tag in tags if ":" not in tag}
    return {tag for tag in tags if tag.split(":", 1)[0] not in models or ":" not in tag}


def response_tags(request, page) -> set[str]:
    """Tags of the lists `page` shows when served to `request` (beyond the objects it loaded)."""
    from cluster.models import ColumnPage, PortalHomePage
    from cluster.models.pages import SiteHomePage

    site = Site.find_for_request(request)
    tags = {f"page:{page.pk}", f"children:{page.pk}"}
    if site is not None:
        # every page carries the site's footer and theme, and its navigation lists the root's children
        tags |= {f"site:{site.pk}", f"children:{site.root_page_id}"}
    specific = page.specific
    if isinstance(specific, SiteHomePage):
        columns = ColumnPage.objects.child_of(page).values_list("pk", flat=True)
        tags |= {f"children:{pk}" for pk in columns}
    if isinstance(specific, PortalHomePage):
        tags.add(model_tag(apps.get_model("cluster", "Organisation")))
    for rule in _RESPONSE_RULES:
        tags |= rule(specific)
    return tags


def page_change_tags(page) -> set[str]:
    """Tags to purge when `page` is published, unpublished, changed or deleted.

    Works from the page's tree path, so it also serves a page whose row is already deleted.
    """
    from cluster.models import ColumnEntry
    from cluster.models.pages import SiteHomePage

    steplen = Page.steplen
    ancestor_paths = [page.path[:end] for end in range(steplen, len(page.path), steplen)]
    ancestors = list(
        Page.objects.filter(path__in=ancestor_paths).order_by("depth").values_list("pk", flat=True)
    )
    tags = {f"page:{page.pk}"} | {f"subtree:{pk}" for pk in ancestors}
    if ancestors:
        tags.add(f"children:{ancestors[-1]}")
    referencing = ColumnEntry.objects.filter(page_id=page.pk).values_list("column_id", flat=True)
    tags |= {f"children:{pk}" for pk in referencing}
    specific_class = page.specific_class
    if specific_class is not None and issubclass(specific_class, SiteHomePage):
        tags.add(model_tag(apps.get_model("cluster", "Organisation")))  # the portal's directory
    for rule in _CHANGE_RULES:
        tags |= rule(page, specific_class)
    return tags


def site_tags_for_path(path: str) -> set[str]:
    """`site:` tags of every Wagtail site whose tree contains the page at `path`."""
    prefixes = [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
    sites = Site.objects.filter(root_page__path__in=prefixes).values_list("pk", flat=True)
    return {f"site:{pk}" for pk in sites}
