"""The editors' query report: popular queries and queries that found nothing."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .models import QueryLog

REPORT_SIZE = 50


def query_report(request):
    """Popular and zero-result queries of the whole cluster, for the platform admins who keep
    the synonyms and pinned results. Queries are not recorded per site, so an organisation's
    admin would see every other organisation's visitors' queries: refused."""
    if not report_visible(request.user):
        raise PermissionDenied("搜索词统计汇总全站群的检索词，仅平台管理员可以查看。")
    return render(
        request,
        "search/admin/query_report.html",
        {
            "page_title": "搜索词统计",
            "header_icon": "search",
            "popular": QueryLog.objects.order_by("-count", "query")[:REPORT_SIZE],
            "zero": QueryLog.objects.filter(zero_result_count__gt=0).order_by(
                "-zero_result_count", "query"
            )[:REPORT_SIZE],
        },
    )


def report_visible(user) -> bool:
    """Only platform admins see the cluster-wide query report."""
    return user.is_active and user.is_superuser
