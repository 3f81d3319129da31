"""The catalog's 依申请公开, 年报 and 行政许可 nodes lead to the services behind them."""

import pytest

from catalog.models import CatalogNodePage
from disclosure.models import AnnualReport
from tests.helpers import make_organisation

HOST = "fgw.example.gov.cn"


@pytest.fixture
def department(db):
    portal = make_organisation("portal", hostname="www.example.gov.cn")
    return make_organisation("fgw", hostname=HOST, parent=portal, name="云溪市发展和改革委员会")


def node_html(client, department, **lookup):
    node = CatalogNodePage.objects.descendant_of(department.home_page).get(**lookup)
    response = client.get(node.relative_url(department.site), HTTP_HOST=HOST)
    assert response.status_code == 200
    return response.content.decode()


def test_request_node_links_to_the_application_channel(client, department):
    html = node_html(client, department, node_kind="request")
    for url in ("/ysqgk/", "/ysqgk/status/", "/ysqgk/deadline/", "/ysqgk/replies/"):
        assert f'href="{url}"' in html
    assert client.get("/ysqgk/", HTTP_HOST=HOST).status_code == 200


def test_annual_report_node_lists_published_reports_only(client, department):
    AnnualReport.objects.create(organisation=department, year=2025, live=True)
    AnnualReport.objects.create(organisation=department, year=2026, live=False)
    html = node_html(client, department, node_kind="annual_report")
    assert 'href="/ysqgk/annual-report/2025/"' in html
    assert "2025年政府信息公开工作年度报告" in html
    assert "annual-report/2026/" not in html


def test_licensing_node_links_to_approval_result_notices(client, department):
    html = node_html(client, department, node_kind="statutory_item", article20_item=5)
    assert 'href="/approvals/"' in html
    assert client.get("/approvals/", HTTP_HOST=HOST).status_code == 200
