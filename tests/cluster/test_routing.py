"""Routing a URL below a site root costs the same few queries at any depth (cluster.routing)."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from tests.helpers import make_article, make_column, make_organisation

HOST = "fgw.localhost"


@pytest.fixture
def tree(db):
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname=HOST, parent=portal)
    news = make_column(fgw.home_page, "news")
    archive = make_column(news, "archive")
    old = make_column(archive, "2019")
    make_article(old, "deep")
    make_article(news, "shallow")
    draft = make_article(news, "withdrawn")
    draft.unpublish()
    return fgw.home_page.specific


def wagtail_walk(root, components):
    """What Wagtail's own routing (one child per segment) answers, or None for a 404."""
    try:
        return Page.route(root, RequestFactory().get("/"), components)
    except Http404:
        return None


def fast(root, components):
    try:
        return root.route(RequestFactory().get("/"), components)
    except Http404:
        return None


def paths_below(root):
    """Every page below `root` as path components, plus sub-routes and addresses that miss."""
    paths = []
    for page in Page.objects.descendant_of(root):
        components = page.url_path.removeprefix(root.url_path).strip("/").split("/")
        paths += [components, [*components, "print"], [*components, "rss"], [*components, "x"]]
    return [*paths, ["xxgk", "fzhsxwj"], ["nothing"], ["news", "nothing", "deeper"]]


def test_routes_every_address_exactly_as_wagtail_does(tree):
    for components in paths_below(tree):
        expected, got = wagtail_walk(tree, components), fast(tree, components)
        if expected is None:
            assert got is None, components
            continue
        assert got is not None, components
        assert got.page.pk == expected.page.pk and type(got.page) is type(expected.page)
        assert bool(got.args) == bool(expected.args) and got.kwargs == expected.kwargs
        if expected.args:  # a routable page's own sub-route: same view, same arguments
            assert got.args[0].__name__ == expected.args[0].__name__, components
            assert got.args[1:] == expected.args[1:], components


def route_queries(path):
    """The queries routing `path` costs once warm: on PostgreSQL the first routing of a path
    shape also prepares its statements in the session (cluster.compiled_queries)."""
    request = RequestFactory().get(path, HTTP_HOST=HOST)
    Page.route_for_request(request, path)
    request = RequestFactory().get(path, HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as context:
        result = Page.route_for_request(request, path)
    assert result is not None, path
    return len(context.captured_queries)


def test_routing_costs_the_same_queries_at_any_depth(tree):
    route_queries("/news/")  # warm: content types, site root paths
    shallow = route_queries("/news/shallow/")
    deep = route_queries("/news/archive/2019/deep/")
    # the site, the root's specific row, the path in one query, the page found
    assert shallow == deep <= 4


def test_unpublished_and_missing_pages_are_not_found(tree, client):
    assert client.get("/news/withdrawn/", HTTP_HOST=HOST).status_code == 404
    assert client.get("/news/nothing/", HTTP_HOST=HOST).status_code == 404
    assert client.get("/news/archive/2019/deep/", HTTP_HOST=HOST).status_code == 200
