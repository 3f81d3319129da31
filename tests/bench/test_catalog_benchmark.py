"""The benchmark command adds generated items that behave like real ones and reports latencies."""

import io

import pytest
from django.core.management import call_command

from catalog.models import DisclosureItemPage
from tests.catalog.factories import add_item, node

pytestmark = [pytest.mark.django_db, pytest.mark.backends]


def test_benchmark_fills_valid_items_and_reports_p50_p95(client, dept):
    add_item(node(dept, "gzhgfxwj"), title="真实发布的信息")
    out = io.StringIO()
    call_command("catalog_benchmark", items=45, org="fgw", requests=5, stdout=out)
    report = out.getvalue()
    assert "本机构 46 条" in report
    for name in (
        "信息页: p50",
        "节点列表第一页: p50",
        "节点列表中间页: p50",
        "节点列表末页: p50",
    ):
        assert name in report
    assert "OFFSET p50" in report and "比值" in report
    repeated = next(line for line in report.splitlines() if line.startswith("节点列表第一页"))
    assert "SQL p50 0.0 ms" not in repeated  # the same URL five times: rendered, not a cache hit
    numbers = list(DisclosureItemPage.objects.values_list("index_number", flat=True))
    assert len(set(numbers)) == 46 and None not in numbers
    filled = DisclosureItemPage.objects.filter(slug="i2").get()
    assert filled.title.startswith(dept.name) and filled.document_number or filled.summary
    assert client.get(filled.url, HTTP_HOST="fgw.localhost").status_code == 200
    after = add_item(node(dept, "gzhgfxwj"), title="之后发布的信息")  # tree still consistent
    assert after.get_parent().id == filled.get_parent().id
