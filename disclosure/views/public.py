"""Public pages under /ysqgk/: application form, status, deadline calculator, annual report."""

import uuid

from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit
from wagtail.models import Site

from cluster.models import Organisation
from cluster.permissions import organisation_for_page
from cluster.personal_data import mask_text
from cluster.theming import template_candidates

from .. import registration, report_pdf, report_publishing, report_xlsx, reports
from ..forms import ApplicationForm, StatusForm
from ..letters import letter_response
from ..models import Channel, DisclosureRequest, Reply, State
from ..workflow import deadline_of

SESSION_RECEIPTS = "ysqgk_receipts"


def _page(request, name, context, status=200):
    return TemplateResponse(
        request, template_candidates(request, f"disclosure/{name}.html"), context, status=status
    )


def site_organisation(request) -> Organisation:
    """The organisation owning the site serving this request."""
    site = Site.find_for_request(request)
    organisation = organisation_for_page(site.root_page) if site else None
    if organisation is None:
        raise Http404("本站点未关联行政机关")
    return organisation


def rate_limited(request, exception=None):
    return _page(request, "rate_limited", {}, status=429)


@ratelimit(key="ip", rate="10/h", method="POST", block=False)
def apply(request):
    """The application form; on the portal the applicant picks the organisation."""
    organisation = site_organisation(request)
    portal = organisation.parent_id is None
    if request.method == "POST":
        if getattr(request, "limited", False):
            return rate_limited(request)
        form = ApplicationForm(request.POST, request.FILES, choose_organisation=portal)
        duplicate = _already_submitted(request, request.POST.get("submission_token", ""))
        if duplicate is not None:
            return duplicate
        if form.is_valid():
            return _submit(request, form, organisation)
    else:
        form = ApplicationForm(
            choose_organisation=portal, initial={"submission_token": uuid.uuid4().hex}
        )
    return _page(request, "apply", {"form": form, "organisation": organisation, "portal": portal})


def _submit(request, form, organisation):
    data = dict(form.cleaned_data)
    files = data.pop("files")
    token = data.pop("submission_token")
    target = data.pop("organisation", None) or organisation
    data.pop("captcha", None)
    try:
        application, code = registration.register(
            organisation=target,
            submitted_on=timezone.localdate(),
            channel=Channel.ONLINE,
            submission_token=token,
            files=files,
            **data,
        )
    except IntegrityError:
        duplicate = _already_submitted(request, token)
        if duplicate is not None:
            return duplicate
        raise
    receipts = request.session.get(SESSION_RECEIPTS, {})
    receipts[token] = [application.number, code]
    request.session[SESSION_RECEIPTS] = receipts
    return _receipt(request, application, code)


def _already_submitted(request, token):
    """A second POST of the same form (double click) shows the first receipt again."""
    application = (
        DisclosureRequest.objects.filter(submission_token=token).first() if token else None
    )
    if application is None:
        return None
    number, code = request.session.get(SESSION_RECEIPTS, {}).get(token, [application.number, ""])
    return _receipt(request, application, code, duplicate=True)


def _receipt(request, application, code, duplicate=False):
    return _page(
        request,
        "receipt",
        {
            "application": application,
            "code": code,
            "duplicate": duplicate,
            "deadline": deadline_of(application),
        },
    )


@ratelimit(key="ip", rate="20/h", method="POST", block=False)
def status(request):
    """Progress and due date of an application, for whoever holds its number and code."""
    application = deadline = None
    error = ""
    form = StatusForm(request.POST or None)
    if request.method == "POST":
        if getattr(request, "limited", False):
            return rate_limited(request)
        if form.is_valid():
            application = registration.find_by_access_code(
                form.cleaned_data["number"], form.cleaned_data["code"]
            )
            if application is None:
                error = "申请编号或查询码不正确。"
            else:
                deadline = deadline_of(application)
    return _page(
        request,
        "status",
        {
            "form": form,
            "application": application,
            "deadline": deadline,
            "error": error,
            "timeline": application.transitions.all() if application else [],
        },
    )


@require_POST
@ratelimit(key="ip", rate="20/h", method="POST", block=False)
def reply_letter(request):
    """The reply letter (答复书) as PDF, for whoever holds the application's number and code."""
    if getattr(request, "limited", False):
        return rate_limited(request)
    form = StatusForm(request.POST)
    application = form.is_valid() and registration.find_by_access_code(
        form.cleaned_data["number"], form.cleaned_data["code"]
    )
    if not application or application.state != State.REPLIED:
        raise Http404("申请编号或查询码不正确，或尚未答复。")
    return letter_response(application.reply)


def calculator(request):
    """The public deadline calculator (uses GET /api/disclosure/deadline/)."""
    return _page(request, "calculator", {"today": timezone.localdate()})


def published_replies(request):
    """Replies published in anonymised form."""
    organisation = site_organisation(request)
    replies = list(
        Reply.objects.filter(
            publish=True, request__organisation=organisation, request__state="replied"
        ).select_related("request")
    )
    for reply in replies:
        # the officer writes the summary; ID-card and phone numbers are masked regardless
        reply.public_summary = mask_text(reply.public_summary)
    return _page(request, "replies", {"replies": replies, "organisation": organisation})


def _report_or_404(request, year: int):
    organisation = site_organisation(request)
    city_wide = request.GET.get("scope") == "city" and organisation.parent_id is None
    try:
        report = reports.build(None if city_wide else organisation, year)
    except reports.ReportCheckFailed as failure:
        raise Http404(f"该年度报告暂不能生成：{failure}") from failure
    if not (city_wide or report.published):
        raise Http404("该年度报告尚未发布")
    return report


def annual_report(request, year: int):
    """The annual report of the site's organisation (the portal may show the city-wide one)."""
    report = _report_or_404(request, year)
    return _page(request, "annual_report", {"report": report, "year": year})


def annual_report_xlsx(request, year: int):
    """Tables 二, 三 and 四 as XLSX, with the merged cells of the official format."""
    report = _report_or_404(request, year)
    response = HttpResponse(
        report_xlsx.to_xlsx(report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="annual-report-{year}.xlsx"'
    return response


def annual_report_pdf(request, year: int):
    """The report as a PDF to publish or print as it is (tables with the format's merged cells)."""
    report = _report_or_404(request, year)
    response = HttpResponse(report_pdf.to_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="annual-report-{year}.pdf"'
    return response


def annual_report_status(request, year: int):
    """On the portal: which organisations have published their report on `year`, and which not."""
    organisation = site_organisation(request)
    if organisation.parent_id is not None:
        raise Http404("年度报告发布情况只在门户网站提供")
    rows = report_publishing.publication_status(year)
    missing = [row for row in rows if row["report"] is None]
    return _page(
        request,
        "annual_report_status",
        {"year": year, "rows": rows, "missing": missing, "today": timezone.localdate()},
    )
