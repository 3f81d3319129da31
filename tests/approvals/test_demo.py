"""The demo: items, guides and source from load_demo; play_approval_system posts records."""

from io import StringIO

import pytest
from django.core.management import call_command

from disclosure.approvals.models import ApprovalItem, ApprovalResult, ApprovalSource


def play(**options):
    out = StringIO()
    call_command("play_approval_system", in_process=True, stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_plays_the_approval_system_idempotently(demo_cluster, client):
    assert ApprovalItem.objects.filter(organisation=demo_cluster["spj"]).count() == 4
    assert ApprovalSource.objects.get(code="yunxi-xzsp").organisations.count() == 4
    first = play(count=200)
    stored = ApprovalResult.objects.count()
    assert "拒收" in first and 150 < stored < 200
    assert "校验位错误" in first or "晚于有效期至" in first
    second = play(count=200)
    assert f"无变化 {stored}" in second and ApprovalResult.objects.count() == stored
    portal = client.get("/approvals/", HTTP_HOST="localhost").content.decode()
    assert "行政许可结果公示" in portal and "共 " in portal
    guide = client.get("/approvals/guides/YX-SP-0101/", HTTP_HOST="spj.localhost")
    assert guide.status_code == 200 and "建筑工程施工许可证核发" in guide.content.decode()
