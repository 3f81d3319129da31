"""Public pages under /ysqgk/: application form, status, deadline calculator, annual report."""

import datetime as dt
import json
import uuid

from django.conf import settings
from django.db import IntegrityError
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit
from wagtail.models import Site

from cluster import site_table
from cluster.models import Organisation
from cluster.personal_data import mask_text
from cluster.site_table import reads_sites
from cluster.theming import template_candidates

from .. import deadlines, registration, report_pdf, report_publishing, report_xlsx, reports
from ..application_form import ApplicationForm
from ..forms import StatusForm
from ..letters import letter_response
from ..models import Channel, DisclosureRequest, Reply, State
from ..private_files import attachment_of, file_response
from ..workflow import deadline_of

# The receipts a visitor was shown, so that a second POST of the same form (double click, a
# lost answer) shows the same receipt again. They live in a signed cookie sent only to the
# application pages, not in a session: a session would make the visitor a session holder,
# served every public page uncached (docs/pagecache.md), for weeks after one application.
RECEIPTS_COOKIE = "ysqgk_receipts"
RECEIPTS_SALT = "disclosure.receipts"
RECEIPTS_KEPT = 5
# An hour covers a double click or a lost answer; the cookie holds access codes, so it should
# not outlive that on a shared computer.
RECEIPTS_MAX_AGE = 60 * 60


def _receipts(request) -> dict:
    """{submission token: [application number, access code]} from the visitor's cookie."""
    value = request.get_signed_cookie(
        RECEIPTS_COOKIE, default="", salt=RECEIPTS_SALT, max_age=RECEIPTS_MAX_AGE
    )
    try:
        receipts = json.loads(value) if value else {}
    except ValueError:
        return {}
    return receipts if isinstance(receipts, dict) else {}


def _remember_receipt(request, response, token, application, code):
    receipts = _receipts(request)
    receipts[token] = [application.number, code]
    kept = dict(list(receipts.items())[-RECEIPTS_KEPT:])
    response.set_signed_cookie(
        RECEIPTS_COOKIE,
        json.dumps(kept, separators=(",", ":")),
        salt=RECEIPTS_SALT,
        max_age=RECEIPTS_MAX_AGE,
        path="/ysqgk/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _page(request, name, context, status=200):
    return TemplateResponse(
        request, template_candidates(request, f"disclosure/{name}.html"), context, status=status
    )


def site_organisation(request) -> Organisation:
    """The organisation owning the site serving this request."""
    organisation = site_table.organisation_of(Site.find_for_request(request))
    if organisation is None:
        raise Http404("本站点未关联行政机关")
    return organisation


def rate_limited(request, exception=None):
    return _page(request, "rate_limited", {}, status=429)


@reads_sites
@ratelimit(key="ip", rate="10/h", method="POST", block=False)
def apply(request):
    """The application form; on the portal the applicant picks the organisation."""
    organisation = site_organisation(request)
    portal = organisation.parent_id is None
    if request.method == "POST":
        if getattr(request, "limited", False):
            return rate_limited(request)
        form = ApplicationForm(request.POST, request.FILES, choose_organisation=portal)
        # The captcha is checked first; only then may this browser's own receipts show the
        # receipt of a form it already sent (a double click), never anyone else's.
        if form.is_valid():
            duplicate = _already_submitted(request, form.cleaned_data["submission_token"])
            return duplicate or _submit(request, form, organisation)
    else:
        form = ApplicationForm(
            choose_organisation=portal, initial={"submission_token": uuid.uuid4().hex}
        )
    return _page(request, "apply", {"form": form, "organisation": organisation, "portal": portal})


def _submit(request, form, organisation):
    data = form.application_data()
    files = form.cleaned_data["files"]
    token = form.cleaned_data["submission_token"]
    target = form.cleaned_data.get("organisation") or organisation
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
        # The token belongs to an application sent from another browser (a guessed or
        # replayed token): refuse it without saying anything about that application.
        return _resubmit(request, form, organisation)
    # just registered: no pause yet, so its deadline is the one registration stored
    response = _receipt(request, application, code, deadline_of(application, pauses=[]))
    _remember_receipt(request, response, token, application, code)
    return response


def _already_submitted(request, token):
    """A second POST of the same form from the same browser (double click) shows that
    browser's receipt again; a token this browser was not given a receipt for shows nothing."""
    shown = _receipts(request).get(token)
    number, code = shown if isinstance(shown, list) and len(shown) == 2 else ("", "")
    application = (
        DisclosureRequest.objects.filter(submission_token=token, number=number).first()
        if token and number
        else None
    )
    if application is None:
        return None
    return _receipt(request, application, code, deadline_of(application), duplicate=True)


def _resubmit(request, form, organisation):
    """The form again with everything typed kept, a fresh token and a plain explanation."""
    data = request.POST.copy()
    data["submission_token"] = uuid.uuid4().hex
    data["captcha_1"] = ""
    fresh = ApplicationForm(data, choose_organisation=organisation.parent_id is None)
    fresh.is_valid()  # bound again so the typed values are shown; the captcha is asked anew
    fresh.errors.clear()
    fresh.add_error(
        None, "该表单已失效，请重新输入验证码并再次提交（已填写的内容已保留，附件需重新选择）。"
    )
    return _page(
        request,
        "apply",
        {"form": fresh, "organisation": organisation, "portal": organisation.parent_id is None},
    )


def _receipt(request, application, code, deadline, duplicate=False):
    return _page(
        request,
        "receipt",
        {"application": application, "code": code, "duplicate": duplicate, "deadline": deadline},
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


@require_POST
@ratelimit(key="ip", rate="20/h", method="POST", block=False)
def attachment(request):
    """An applicant's own upload, or a reply attachment once the reply is approved, for whoever
    holds the application's number and code."""
    if getattr(request, "limited", False):
        return rate_limited(request)
    form = StatusForm(request.POST)
    application = form.is_valid() and registration.find_by_access_code(
        form.cleaned_data["number"], form.cleaned_data["code"]
    )
    kind = request.POST.get("kind", "")
    if kind == "reply" and application and application.state != State.REPLIED:
        application = None  # a draft reply's files are not the applicant's until approved
    try:
        file_pk = int(request.POST.get("file", ""))
    except ValueError:
        file_pk = 0
    found = attachment_of(application, kind, file_pk) if application else None
    if found is None:
        raise Http404("申请编号或查询码不正确，或该附件不存在。")
    return file_response(found.file, found.name)


PAUSE_ROWS = 2  # empty pause rows offered; "增加一个不计入期间" adds one (with or without JS)


def calculator(request):
    """The public deadline calculator: a GET form computed here, so it works without JavaScript.

    Pauses are repeated `pause_start`/`pause_end` date pairs (the same rule as the JSON API,
    GET /api/disclosure/deadline/, which takes `pause=YYYY-MM-DD..YYYY-MM-DD`).
    """
    query = request.GET
    received_text = query.get("received", "")
    starts, ends = query.getlist("pause_start"), query.getlist("pause_end")
    rows = [{"start": a, "end": b} for a, b in zip(starts, ends, strict=False) if a or b]
    errors, result = {}, None
    if received_text:
        received, pauses = _calculator_dates(received_text, rows, errors)
        if not errors:
            result = deadlines.reply_deadline(
                received,
                pauses=pauses,
                extension_days=deadlines.MAX_EXTENSION_WORKING_DAYS
                if query.get("extension")
                else 0,
            )
    adding = "add_pause" in query
    blank = max(PAUSE_ROWS - len(rows), 1) + (1 if adding else 0)
    rows += [{"start": "", "end": ""} for _ in range(blank)]
    context = {
        "received": received_text or timezone.localdate().isoformat(),
        "extension": bool(query.get("extension")),
        "rows": rows,
        "errors": errors,
        "deadline": None if adding else result,
    }
    return _page(request, "calculator", context)


def _calculator_dates(received_text, rows, errors):
    """Parse the calculator's dates; Chinese messages go into `errors` keyed by field."""
    try:
        received = dt.date.fromisoformat(received_text)
    except ValueError:
        errors["received"] = "请填写有效的收到申请日期（年-月-日）。"
        received = None
    pauses = []
    for number, row in enumerate(rows, start=1):
        try:
            first, last = dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"])
        except ValueError:
            row["error"] = f"第{number}个不计入期间：请填写开始和结束日期。"
            errors[f"pause{number}"] = row["error"]
            continue
        if last < first:
            row["error"] = f"第{number}个不计入期间：结束日期早于开始日期。"
            errors[f"pause{number}"] = row["error"]
            continue
        pauses.append(deadlines.Pause(first, last, "暂停计算（征求意见或缴费期间）"))
    return received, pauses


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
        reply.public_summary = mask_text(
            reply.public_summary,
            names=(reply.request.applicant_name, reply.request.contact_person),
        )
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
