"""Home pages: the portal's 站群导航 is a cached fragment that follows organisation changes."""

import pytest

from tests.helpers import home_section, make_organisation

pytestmark = pytest.mark.usefixtures("page_cache_off")  # fragments work on uncached pages too

PORTAL, DEPARTMENT = "www.localhost", "fgw.localhost"


@pytest.fixture
def sites(db):
    portal = make_organisation("portal", hostname=PORTAL, catalog=False)
    department = make_organisation(
        "fgw", hostname=DEPARTMENT, parent=portal, catalog=False, name="云溪市发展和改革委员会"
    )
    county = make_organisation(
        "qsx", parent=portal, catalog=False, name="青山县人民政府", level="county"
    )
    return portal, department, county


def directory(client):
    """(站群导航 HTML, number of queries) of one uncached render of the portal home."""
    return home_section(client, PORTAL, 'id="site-directory-title"', "</section>")


def test_site_directory_is_computed_once_and_follows_organisations(client, sites, settings):
    _portal, department, county = sites
    settings.PAGECACHE_FRAGMENTS = False
    directory(client)  # warm per-process caches
    _html, uncached = directory(client)
    settings.PAGECACHE_FRAGMENTS = True
    directory(client)
    html, cached = directory(client)
    assert cached < uncached
    departments, local = html.split("县（市、区）政府")
    assert f'<a href="http://{DEPARTMENT}/">云溪市发展和改革委员会</a>' in departments
    assert '<a href="/qsx/">青山县人民政府</a>' in local

    department.name = "云溪市发展改革委"
    department.save()
    county.home_page.unpublish()
    html, _count = directory(client)
    assert "云溪市发展改革委" in html and "青山县人民政府" not in html


def test_a_home_page_shows_no_column_meta(client, sites):
    text = client.get("/", HTTP_HOST=DEPARTMENT).content.decode()
    assert 'name="ColumnName"' not in text and 'name="SiteName"' in text
