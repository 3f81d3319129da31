"""Editing the annual report: narrative sections, manual table 二 rows, publishing."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from cluster.permissions import organisations_for

from .. import reports
from ..models import AnnualReport


class AnnualReportForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = [
            "overview",
            "problems",
            "other_matters",
            "penalty_decisions",
            "enforcement_decisions",
            "fees_amount",
            "published",
        ]


def edit(request):
    """Edit one organisation's report for one year and preview the computed tables."""
    organisations = organisations_for(request.user, "handle_requests")
    if not organisations.exists():
        raise PermissionDenied
    organisation = organisations.filter(pk=request.GET.get("org")).first() or organisations.first()
    try:
        year = int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    report, _created = AnnualReport.objects.get_or_create(organisation=organisation, year=year)
    form = AnnualReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "年度报告已保存。")
        return redirect(f"{request.path}?org={organisation.pk}&year={year}")
    try:
        preview, error = reports.build(organisation, year), ""
    except reports.ReportCheckFailed as failure:
        preview, error = None, str(failure)
    return TemplateResponse(
        request,
        "disclosure/admin/report.html",
        {
            "page_title": f"{organisation.name}{year}年政府信息公开工作年度报告",
            "header_icon": "table",
            "organisations": organisations,
            "organisation": organisation,
            "year": year,
            "form": form,
            "report": preview,
            "error": error,
            "public_url": f"{organisation.site.root_url if organisation.site else ''}"
            f"/ysqgk/annual-report/{year}/",
        },
    )
