"""The annual report's admin overview: choose organisation and year, see status and deadline.

The narrative is edited and reviewed in the report's editor (views.report_editor); this page
creates the year's draft when there is none and leads to it.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from .. import report_publishing, reports
from ..models import AnnualReport
from .report_editor import EDIT, report_organisations


def _chosen(request):
    organisations = report_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    organisation = organisations.filter(pk=request.GET.get("org")).first() or organisations.first()
    try:
        year = int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    if not 2008 <= year <= 2100:
        year = timezone.localdate().year - 1
    return organisations, organisation, year


def edit(request):
    """Status of one organisation's report for one year; POST opens (creates) its draft."""
    organisations, organisation, year = _chosen(request)
    report = AnnualReport.objects.filter(organisation=organisation, year=year).first()
    may_edit = report_organisations(request.user, EDIT).filter(pk=organisation.pk).exists()
    if request.method == "POST" and may_edit:
        report, _created = AnnualReport.objects.get_or_create(organisation=organisation, year=year)
        return redirect(reverse("wagtailsnippets_disclosure_annualreport:edit", args=[report.pk]))
    try:
        preview, error = reports.build(organisation, year), ""
    except reports.ReportCheckFailed as failure:
        preview, error = None, str(failure)
    workflow_state = report.current_workflow_state if report else None
    return TemplateResponse(
        request,
        "disclosure/admin/report.html",
        {
            "page_title": f"{organisation.name}{year}年政府信息公开工作年度报告",
            "header_icon": "table",
            "organisations": organisations,
            "organisation": organisation,
            "year": year,
            "annual_report": report,
            "workflow_state": workflow_state,
            "may_edit": may_edit,
            "deadline": report_publishing.deadline_for(organisation, year),
            "report": preview,
            "error": error,
            "public_url": report_publishing.public_url(organisation, year),
        },
    )
