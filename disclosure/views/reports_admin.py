"""Editing the annual report: narrative sections, manual table 二 rows, publishing."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from cluster.permissions import may, organisations_for

from .. import report_publishing, reports
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
        ]


def _chosen(request):
    organisations = organisations_for(request.user, "handle_requests")
    if not organisations.exists():
        raise PermissionDenied
    organisation = organisations.filter(pk=request.GET.get("org")).first() or organisations.first()
    try:
        year = int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    return organisations, organisation, year


def _act(request, report) -> str:
    """Publish or withdraw `report` (the head of the disclosure office decides); a message."""
    if not may(request.user, "approve_requests", report.organisation):
        raise PermissionDenied
    if request.POST.get("action") == "unpublish":
        report_publishing.unpublish(report)
        return "年度报告已撤回，可修改后重新发布。"
    report = report_publishing.publish(report)
    return (
        f"年度报告已发布，并已归入政府信息公开目录（索引号：{report.index_number or '未归档'}）。"
    )


def edit(request):
    """Edit one organisation's report for one year and preview the computed tables."""
    organisations, organisation, year = _chosen(request)
    report, _created = AnnualReport.objects.get_or_create(organisation=organisation, year=year)
    here = f"{request.path}?org={organisation.pk}&year={year}"
    locked = report.published
    form = AnnualReportForm(None if locked else (request.POST or None), instance=report)
    if request.method == "POST" and request.POST.get("action") in ("publish", "unpublish"):
        try:
            messages.success(request, _act(request, report))
        except reports.ReportCheckFailed as failure:
            messages.error(request, f"无法发布：{failure}")
        return redirect(here)
    if request.method == "POST" and not locked and form.is_valid():
        form.save()
        messages.success(request, "年度报告已保存。")
        return redirect(here)
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
            "annual_report": report,
            "locked": locked,
            "may_publish": may(request.user, "approve_requests", organisation),
            "deadline": report_publishing.deadline_for(organisation, year),
            "report": preview,
            "error": error,
            "public_url": report_publishing.public_url(organisation, year),
        },
    )
