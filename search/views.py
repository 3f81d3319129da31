"""The public search page (/search/ on every site) and its suggestion endpoint."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from wagtail.models import Page, Site

from cluster.models import PortalHomePage

from . import registry, service, suggest
from .highlight import highlight, snippet
from .query import FACET_FIELDS, FACETS, SORTS

PER_PAGE = 10
MAX_PAGE = 100
MAX_FILTER_LENGTH = 100


def _filters(params) -> dict[str, str]:
    """Facet selections from the URL; anything malformed is dropped, never an error."""
    filters = {}
    for field in FACET_FIELDS:
        value = params.get(field, "").strip()[:MAX_FILTER_LENGTH]
        if not value or (field == "year" and not (value.isdigit() and len(value) == 4)):
            continue
        filters[field] = value
    return filters


def _int(value, default, low, high):
    try:
        return min(max(int(value), low), high)
    except (TypeError, ValueError):
        return default


def default_scope(site) -> str:
    """The portal (the cluster's front door) searches the whole cluster; other sites their own."""
    if site is None:
        return "all"
    portal_type = ContentType.objects.get_for_model(PortalHomePage)
    return "all" if site.root_page.content_type_id == portal_type.id else "site"


def search_page(request):
    """Search this site or the whole cluster, with facets, sorting and pagination."""
    params = request.GET
    raw = params.get("q", "")
    site = Site.find_for_request(request)
    scope = params.get("scope") if params.get("scope") in ("site", "all") else default_scope(site)
    sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
    page_number = _int(params.get("page"), 1, 1, MAX_PAGE)
    filters = _filters(params)
    node = None
    node_id = _int(params.get("node"), None, 1, 2**62)
    if node_id:
        node = Page.objects.filter(id=node_id).live().first()
    results = service.search(
        raw,
        filters=filters,
        scope_path=site.root_page.path if scope == "site" else "",
        node_path=node.path if node else "",
        sort=sort,
        page=page_number,
        per_page=PER_PAGE,
    )
    query = results.query
    if query.text and page_number == 1 and not filters:
        service.log_query(query.text, results.total)
    terms = query.highlight_chars if results.relaxed else query.text.split() + query.terms
    labels = registry.verbose_names()
    hits = [
        {
            "hit": hit,
            "title": highlight(hit.title, terms),
            "snippet": snippet(hit.body, hit.summary, terms),
            "type_label": labels.get(hit.content_type, hit.content_type),
        }
        for hit in results.hits
    ]
    base = {"q": query.text, "scope": scope, "sort": sort, **filters}
    if node:
        base["node"] = node.id
    paginator = Paginator(range(min(results.total, MAX_PAGE * PER_PAGE)), PER_PAGE)
    context = {
        "query": query,
        "raw_query": raw,
        "results": results,
        "hits": hits,
        "scope": scope,
        "sort": sort,
        "node": node,
        "filters": filters,
        "facets": _facet_links(results.facets, base, labels),
        "page_obj": paginator.get_page(page_number) if results.total else None,
        "page_query": urlencode(base),
        "scope_query": urlencode({k: v for k, v in base.items() if k != "scope"}),
        "sort_query": urlencode({k: v for k, v in base.items() if k != "sort"}),
        "suggestion": suggest.did_you_mean(query.text)
        if query.text and results.total < 3
        else None,
        "truncated": len(raw) > len(query.text) and len(raw.strip()) > 100,
    }
    return render(request, _template(request, "search/results.html"), context, status=200)


def _facet_links(facets, base, labels):
    groups = []
    for field, title in FACETS:
        buckets = facets.get(field) or []
        if not buckets:
            continue
        items = []
        for value, count in buckets:
            selected = base.get(field) == value
            params = {k: v for k, v in base.items() if k != field}
            if not selected:
                params[field] = value
            display = labels.get(value, value) if field == "content_type" else value
            items.append({"value": display, "count": count, "selected": selected,
                          "query": urlencode(params)})  # fmt: skip
        groups.append({"field": field, "title": title, "items": items})
    return groups


def suggestions(request):
    """Completions for the search box (JSON list of strings)."""
    return JsonResponse({"suggestions": suggest.completions(request.GET.get("q", ""))})


def _template(request, name):
    from cluster.theming import template_candidates

    return template_candidates(request, name)
