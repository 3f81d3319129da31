"""Sites and site settings kept per process, checked once per request (cluster.site_table)."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from cluster import site_table
from cluster.models import SiteSettings
from tests.helpers import make_organisation

pytestmark = pytest.mark.usefixtures("page_cache_off")

HOST = "fgw.localhost"


@pytest.fixture
def sites(db):
    portal = make_organisation("portal", hostname="www.localhost")
    department = make_organisation("fgw", hostname=HOST, parent=portal)
    root = Page.objects.get(depth=1)
    Site.objects.create(hostname=HOST, port=8443, root_page=portal.home_page, site_name="8443")
    Site.objects.create(hostname="alt.localhost", port=81, root_page=root.get_children().first())
    return {"portal": portal, "department": department}


def in_request(function):
    """Call `function` as the site-table middleware would during a GET."""
    token = site_table._state.set(site_table._NOT_READ)
    try:
        return function()
    finally:
        site_table._state.reset(token)


@pytest.mark.parametrize(
    ("host", "port"),
    [
        (HOST, 80),
        (HOST, 8443),
        (HOST, 9999),
        ("www.localhost", 80),
        ("alt.localhost", 81),
        ("alt.localhost", 80),
        ("unknown.localhost", 80),
    ],
)
def test_the_table_chooses_the_site_wagtail_chooses(sites, host, port):
    try:
        expected = get_site_for_hostname(host, port).pk
    except Site.DoesNotExist:
        expected = None
    request = RequestFactory().get("/", HTTP_HOST=host, SERVER_PORT=str(port))
    found = in_request(lambda: site_table.find_for_request(request))
    assert (found.pk if found else None) == expected
    if found:  # the root page comes as its own page type, loaded for this request
        assert found.root_page.pk == found.root_page_id
        assert type(found.root_page) is found.root_page.specific_class


def test_repeated_pages_read_no_site_or_settings_rows(client, sites):
    client.get("/", HTTP_HOST=HOST)  # the first request of the process loads the table
    with CaptureQueriesContext(connection) as context:
        assert client.get("/", HTTP_HOST=HOST).status_code == 200
    tables = " ".join(query["sql"] for query in context.captured_queries)
    assert "wagtailcore_site" not in tables
    assert "cluster_sitesettings" not in tables


def test_site_and_settings_changes_show_at_the_next_request(client, sites):
    site = sites["department"].site
    client.get("/", HTTP_HOST=HOST)
    site.site_name = "发展改革委新站名"
    site.save()
    assert "发展改革委新站名" in client.get("/", HTTP_HOST=HOST).content.decode()
    site_settings = SiteSettings.for_site(site)
    site_settings.theme = "blue"
    site_settings.icp_number = "云ICP备12345678号"
    site_settings.save()
    html = client.get("/", HTTP_HOST=HOST).content.decode()
    assert "themes/blue/theme.css" in html
    assert "云ICP备12345678号" in html


def test_the_root_page_is_kept_and_its_changes_show_at_the_next_request(client, sites):
    home = sites["department"].home_page
    client.get("/", HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as context:
        assert client.get("/", HTTP_HOST=HOST).status_code == 200
    assert not context.captured_queries  # site, settings and root page all kept
    home = home.specific
    home.title = "发展和改革委员会新首页"
    home.save_revision().publish()
    assert "发展和改革委员会新首页" in client.get("/", HTTP_HOST=HOST).content.decode()
    home.unpublish()
    assert client.get("/", HTTP_HOST=HOST).status_code == 404


def test_a_new_hostname_is_served_at_the_next_request(client, sites):
    client.get("/", HTTP_HOST=HOST)
    site = sites["department"].site
    site.hostname = "ndrc.localhost"
    site.save()
    response = client.get("/", HTTP_HOST="ndrc.localhost")
    assert response.status_code == 200
    assert sites["department"].home_page.title in response.content.decode()


def test_outside_a_request_wagtail_reads_the_database(sites):
    request = RequestFactory().get("/", HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as context:
        site = Site.find_for_request(request)
    assert site.pk == sites["department"].site.pk
    assert any("wagtailcore_site" in query["sql"] for query in context.captured_queries)


def test_each_sites_organisation_is_kept_and_renewed_when_saved(sites):
    department = sites["department"]

    def organisation_now():
        request = RequestFactory().get("/", HTTP_HOST=HOST)
        return site_table.organisation_of(site_table.find_for_request(request))

    assert in_request(organisation_now) == department  # loads the table
    with CaptureQueriesContext(connection) as queries:
        kept = in_request(organisation_now)
    assert kept == department and len(queries) == 0
    kept.name = "改在这个请求里"  # a copy: the table's row is not touched
    assert in_request(organisation_now).name == department.name
    department.name = "云溪市发展和改革局"
    department.save()
    assert in_request(organisation_now).name == "云溪市发展和改革局"
    # the portal's site (www) and one rooted at a page no organisation owns
    www = RequestFactory().get("/", HTTP_HOST="www.localhost")
    assert (
        in_request(lambda: site_table.organisation_of(site_table.find_for_request(www)))
        == (sites["portal"])
    )
    alt = RequestFactory().get("/", HTTP_HOST="alt.localhost", SERVER_PORT="81")
    assert in_request(lambda: site_table.organisation_of(site_table.find_for_request(alt))) is None
