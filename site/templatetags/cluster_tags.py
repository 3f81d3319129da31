"""Template tags for themed rendering, navigation and government meta tags."""

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.models import Site
from wagtail.templatetags.wagtailcore_tags import richtext

from .. import routing
from ..pagecache import ahead, dependencies, store
from ..theming import site_settings_for, themed_template

register = template.Library()


@register.simple_tag(takes_context=True)
def theme_include(context, name):
    """Render `name` from the site's override, theme or common templates with this context."""
    return themed_template(context.get("request"), name).template.render(context)


@register.simple_tag(takes_context=True)
def site_root(context):
    """The root page of the site serving this request."""
    site = Site.find_for_request(context["request"])
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def menu_items(context):
    """The main navigation of this site, as (page id, title, url) triples.

    A cached fragment under the tags every page of the site carries (`children:<root>`, purged
    when a page under the root is published, moved or removed; `site:<id>`; `all`, renewed by
    `clear_pagecache`): an uncached page does not query the navigation again.
    """
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return []

    def compute():
        children = site.root_page.get_children().live().in_menu()
        return [(page.pk, page.title, page.get_url(request)) for page in children]

    tags = {f"children:{site.root_page_id}", f"site:{site.pk}", store.EVERYTHING}
    ahead.prefetch_page(request)  # the footer is shown further down: one read for both
    return store.fragment(ahead.chrome_names(site, request)[0], tags, compute)


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer of this site, rendered once and kept as a cached fragment.

    It shows only the site's settings (identifiers, contacts, theme) and the 关于本网站 page:
    tagged `site:<id>` (purged when the settings or the site change) and `page:<about page>`
    (purged when that page is unpublished, moved or renamed), plus the tag every cached page
    carries, so `clear_pagecache` after a deployment renews it with new templates.
    """
    request = context["request"]
    site = Site.find_for_request(request)

    def compute():
        return theme_include(context, "partials/footer.html")

    if site is None:
        return compute()
    about_page_id = site_settings_for(request).about_page_id
    tags = {f"site:{site.pk}", store.EVERYTHING}
    if about_page_id:
        tags.add(f"page:{about_page_id}")
    footer = ahead.chrome_names(site, request)[1]
    return mark_safe(store.fragment(footer, tags, compute))  # noqa: S308 - rendered template


@register.simple_tag(takes_context=True)
def home_columns(context):
    """A site home's column blocks (newest entries of each column), kept as a cached fragment.

    Tagged like the home page's own response: `children:<column>` of every column shown
    (purged when an entry is published, moved, removed or referenced there), `children:<home>`
    (a column added, renamed or removed), `page:<home>` (intro, entries per column) and
    `site:<id>` (view restrictions, theme).
    """
    request, page = context["request"], context["page"]
    site = Site.find_for_request(request)
    shown = []

    def compute():
        shown.extend(column.pk for column, _entries in context["column_blocks"])
        return theme_include(context, "partials/home_columns.html")

    if site is None:
        return compute()

    def tags():
        own = {f"site:{site.pk}", f"page:{page.pk}", f"children:{page.pk}", store.EVERYTHING}
        return own | {f"children:{pk}" for pk in shown}

    name = ahead.home_columns_name(page, request)
    return mark_safe(store.fragment(name, tags, compute))  # noqa: S308 - rendered template


@register.simple_tag
def stored_richtext(value):
    """`value|richtext`, expanded once and kept as a cached fragment.

    Expanding reads every linked page, document and image and re-parses the HTML on each
    render. The fragment is keyed by the stored HTML (an edit is a new key) and purged with
    what the expansion loaded: a linked page moved, renamed or unpublished (`page:<id>`), a
    document or image replaced, any site's address changed (links to other sites are absolute).
    """
    html = str(value or "")
    if not html:
        return richtext(value)
    tags = {dependencies.SITES_TAG, store.EVERYTHING}
    name = ahead.richtext_name(html)
    return mark_safe(store.fragment(name, tags, lambda: str(richtext(value))))  # noqa: S308 - Wagtail's rendering


@register.simple_tag(takes_context=True)
def government_meta(context, page):
    """The meta tags every government page carries (政府网站发展指引 / docs/statute.md §2)."""
    request = context["request"]
    site = Site.find_for_request(request)
    site_settings = site_settings_for(request) if site else None
    tags = {
        "SiteName": site.site_name if site else "",
        "SiteDomain": request.get_host().split(":")[0],
        "SiteIDCode": site_settings.site_id_code if site_settings else "",
    }
    if hasattr(page, "get_column_meta"):
        tags.update(page.get_column_meta())
    article_meta = page.get_article_meta() if hasattr(page, "get_article_meta") else {}
    if article_meta:
        tags.update(article_meta)
        tags["Url"] = page.get_full_url(request)
    return format_html_join("\n", '<meta name="{}" content="{}">', tags.items())


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Ancestors of `page` from the site root, as (title, url) pairs."""
    root = site_root(context)
    if root is None:
        return []
    if page.pk == root.pk:  # the home page: nothing above it on this site
        return [(root.title, root.url)]
    ancestors = routing.ancestors_routed(context["request"], page)
    if ancestors is None or ancestors[0].pk != root.pk:  # not routed here: ask the tree
        ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=root.depth)
    return [(ancestor.title, ancestor.url) for ancestor in ancestors]


@register.simple_tag(takes_context=True)
def trail(context, *steps):
    """当前位置 of a view that is not a Wagtail page: the site home, then "title|url" steps.

    The last step is the current page and needs no URL: `{% trail "政府信息公开|/xxgk/" "申请" %}`.
    """
    root = site_root(context)
    crumbs = [("首页", root.url if root else "/")]
    for step in steps:
        title, _bar, url = str(step).partition("|")
        crumbs.append((title, url))
    return crumbs


@register.filter
def title_with_site(title, site_name):
    """The <title> convention of every public page: "page · site name" (the site alone at home).

    Used as `{% filter %}` around rendered (already escaped) text; the site name is escaped here.
    """
    title, site_name = str(title).strip(), conditional_escape(str(site_name or "").strip())
    if not title or title == site_name:
        return mark_safe(site_name)  # noqa: S308 - both parts are escaped
    return mark_safe(f"{title} · {site_name}" if site_name else title)  # noqa: S308


@register.simple_tag
def skip_link():
    """The first focusable element of every page: jump past the navigation."""
    return format_html('<a class="skip-link" href="#main">{}</a>', "跳到主要内容")
