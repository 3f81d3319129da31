"""The benchmark command fills items that behave like real ones and reports latencies."""

import io

import pytest
from django.core.management import call_command

from catalog.models import DisclosureItemPage

from .factories import add_item, node

pytestmark = [pytest.mark.django_db, pytest.mark.backends]


def test_benchmark_fills_valid_items_and_reports_p50_p95(client, dept):
    add_item(node(dept, "gzhgfxwj"), title="真实发布的信息")
    out = io.StringIO()
    call_command("catalog_benchmark", items=45, org="fgw", requests=5, stdout=out)
    report = out.getvalue()
    assert "本机构信息 46 条" in report
    assert "列表第一页: p50" in report and "信息页: p50" in report and "p95" in report
    numbers = list(DisclosureItemPage.objects.values_list("index_number", flat=True))
    assert len(set(numbers)) == 46 and None not in numbers
    filled = DisclosureItemPage.objects.filter(slug="bench-2").get()
    assert client.get(filled.url, HTTP_HOST="fgw.localhost").status_code == 200
    after = add_item(node(dept, "gzhgfxwj"), title="之后发布的信息")  # tree still consistent
    assert after.get_parent().id == filled.get_parent().id
