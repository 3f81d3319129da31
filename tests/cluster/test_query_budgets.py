"""Public pages run a fixed number of queries, whatever the amount of content."""

import io

import pytest
from django.core.management import call_command
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
    [("/", 0), ("/news/", 5), ("/news/n0/", 3)],
)
def test_page_stays_within_its_query_budget_as_content_grows(client, site, path, budget):
    host = "fgw.example.gov.cn"
    before = query_count(client, path, host)
    assert before <= budget, before
    for number in range(3, 15):
        make_article(site["news"], f"n{number}")
        make_article(site["notices"], f"t{number}")
    assert query_count(client, path, host) == before


# --- every public page type, on generated data (bench.generator) ---------------------------

SMALL = {"items": 60, "articles": 24, "approvals": 20, "requests": 10}
MORE = {"items": 240, "articles": 96, "approvals": 80, "requests": 40}


def grow(organisations, counts, seed):
    from bench import generator

    generator.add_items(organisations, counts["items"], seed)
    generator.add_articles(organisations, counts["articles"], seed)
    generator.add_approvals(organisations, counts["approvals"], seed)
    generator.add_requests(organisations, counts["requests"], seed)
    generator.ensure_annual_reports(organisations)
    call_command("search_reindex", no_progress=True, stdout=io.StringIO())


@pytest.fixture
def generated(db):
    from bench.generator import ensure_organisations

    organisations = ensure_organisations(3, log=lambda message: None)
    grow(organisations, SMALL, seed=1)
    return organisations


def public_pages():
    """(name, host, path, POST data or None, budget) of every public page type.

    Budgets are the counts measured on SQLite (site table, one-query routing, cached chrome).
    """
    from bench.generator import ACCESS_CODE, REFERENCE_DAY
    from catalog.models import DisclosureItemPage
    from cluster.models import ArticlePage
    from disclosure.approvals.models import ApprovalResult
    from disclosure.models import DisclosureRequest

    item = DisclosureItemPage.objects.filter(organisation__slug="fgw").order_by("path").first()
    article = ArticlePage.objects.filter(url_path__startswith="/fgw/").order_by("path").first()
    notice = ApprovalResult.objects.public().filter(organisation__slug="spj").order_by("pk")[0]
    request = DisclosureRequest.objects.filter(organisation__slug="fgw").order_by("pk")[0]
    filters = "year=2020&genre=notice&topic=01&five_publics=decision&validity=valid"
    year = REFERENCE_DAY.year - 1
    fgw, spj, portal = "fgw.localhost", "spj.localhost", "localhost"
    return [
        ("portal home", portal, "/", None, 0),
        ("department home", fgw, "/", None, 0),
        ("column", fgw, "/gzdt/", None, 5),
        ("article", fgw, "/" + article.url_path.split("/", 2)[2], None, 3),
        ("catalog root", fgw, "/xxgk/", None, 3),
        ("catalog node", fgw, "/xxgk/fdzdgknr/gzhgfxwj/", None, 3),
        ("catalog node, filtered", fgw, f"/xxgk/fdzdgknr/gzhgfxwj/?{filters}", None, 3),
        ("catalog node, next page", fgw, "/xxgk/fdzdgknr/gzhgfxwj/?after=20200101.999999", None, 3),
        ("item", fgw, "/" + item.url_path.split("/", 2)[2], None, 2),
        ("guide", fgw, "/xxgk/zn/", None, 4),
        ("annual reports node", fgw, "/xxgk/ndbg/", None, 5),
        ("annual report", fgw, f"/ysqgk/annual-report/{year}/", None, 9),
        ("city-wide annual report", portal, f"/ysqgk/annual-report/{year}/?scope=city", None, 14),
        ("repealed and expired", fgw, "/xxgk/fzhsxwj/", None, 3),
        ("portal catalog", portal, "/xxgk/", None, 3),
        ("portal catalog, one organisation", portal, "/xxgk/?org=fgw", None, 3),
        ("approvals list", spj, "/approvals/", None, 3),
        ("approval notice", spj, notice.get_absolute_url(), None, 3),
        ("request form", fgw, "/ysqgk/", None, 2),
        ("request status", fgw, "/ysqgk/status/", {"number": request.number, "code": ACCESS_CODE}, 9),  # + the applicant's files and the reply's attachments
        ("published replies", fgw, "/ysqgk/replies/", None, 2),
        ("search", portal, "/search/?q=营商环境", None, 5),
        ("search, one facet", portal, "/search/?q=营商环境&content_type=disclosure_item", None, 2),
    ]  # fmt: skip


def counted(client, host, path, data):
    send = (lambda: client.post(path, data, HTTP_HOST=host)) if data else (
        lambda: client.get(path, HTTP_HOST=host)
    )  # fmt: skip
    send()  # warm per-process caches
    with CaptureQueriesContext(connection) as context:
        response = send()
    assert response.status_code == 200, path
    return len(context.captured_queries)


@pytest.mark.slow
def test_every_public_page_type_has_a_query_budget_that_does_not_grow(client, generated):
    pages = public_pages()
    before = {name: counted(client, host, path, data) for name, host, path, data, _b in pages}
    over = {name: before[name] for name, *_rest, budget in pages if before[name] > budget}
    assert not over, f"over budget: {over}"
    grow(generated, MORE, seed=2)
    after = {name: counted(client, host, path, data) for name, host, path, data, _b in pages}
    assert after == before
