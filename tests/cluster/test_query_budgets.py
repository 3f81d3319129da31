"""Public foundation pages run a fixed number of queries, whatever the amount of content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import make_article, make_column, make_organisation

# budgets of rendering, not of the page cache (a hit runs no query at all)
pytestmark = [pytest.mark.backends, pytest.mark.usefixtures("page_cache_off")]


def query_count(client, path, host):
    client.get(path, HTTP_HOST=host)  # warm per-process caches (site root paths)
    with CaptureQueriesContext(connection) as context:
        assert client.get(path, HTTP_HOST=host).status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def site(db):
    portal = make_organisation("portal", hostname="www.example.gov.cn")
    department = make_organisation("fgw", hostname="fgw.example.gov.cn", parent=portal)
    news = make_column(department.home_page, "news")
    notices = make_column(department.home_page, "notices")
    for number in range(3):
        make_article(news, f"n{number}")
        make_article(notices, f"t{number}")
    return {"department": department, "news": news, "notices": notices}


@pytest.mark.parametrize(
    ("path", "budget"),
    [("/", 21), ("/news/", 16), ("/news/n0/", 13)],
)
def test_page_stays_within_its_query_budget_as_content_grows(client, site, path, budget):
    host = "fgw.example.gov.cn"
    before = query_count(client, path, host)
    assert before <= budget
    for number in range(3, 15):
        make_article(site["news"], f"n{number}")
        make_article(site["notices"], f"t{number}")
    assert query_count(client, path, host) == before
