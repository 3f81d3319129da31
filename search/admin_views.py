"""The editors' query report: popular queries and queries that found nothing."""

from django.shortcuts import render

from .models import QueryLog

REPORT_SIZE = 50


def query_report(request):
    """Popular and zero-result queries, for editors to fill gaps and add synonyms."""
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
