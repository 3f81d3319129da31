"""Public pages: the list of approval-result notices, one notice, and a service guide."""

from django import forms
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Site

from cluster import site_table
from cluster.keyset import keyset_page
from cluster.models import Organisation, PortalHomePage
from cluster.pagecache.edge import cacheable_view
from cluster.theming import template_candidates
from cluster.workdays import CalendarYearMissing, working_days_between

from .caching import list_tags, notice_tags
from .fields import CATEGORIES, FIELD_TITLES, INVALID_STATUSES, STATUSES
from .masking import masked
from .models import ApprovalItem, ApprovalResult

PAGE_SIZE = 20
LIST_FIELDS = ("holder_name", "decision_document_name", "decision_document_number", "licence_name")
DETAIL_FIELDS = tuple(
    name
    for name in FIELD_TITLES
    if name not in {"minor", "item_code", "application_date", "status_date", "holder_phone"}
)
GUIDE_RECENT = 10
GUIDE_SAMPLE = 200


def site_organisation(request):
    """The organisation whose site serves `request`, or None on the portal (city-wide)."""
    site = Site.find_for_request(request)
    if site is None or isinstance(site.root_page.specific, PortalHomePage):
        return None
    return site_table.organisation_of(site)


class NoticeFilterForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, max_length=100)
    organisation = forms.ModelChoiceField(
        label="许可机关", queryset=Organisation.objects.all(), required=False, empty_label="全部"
    )
    category = forms.ChoiceField(
        label="许可类别", required=False, choices=[("", "全部"), *[(c, c) for c in CATEGORIES]]
    )
    status = forms.ChoiceField(
        label="当前状态",
        required=False,
        choices=[("", "全部"), ("invalid", "无效（全部）"), *[(s, s) for s in STATUSES]],
    )
    date_from = forms.DateField(label="决定日期自", required=False)
    date_to = forms.DateField(label="决定日期至", required=False)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("date_from")
            and cleaned.get("date_to")
            and cleaned["date_from"] > cleaned["date_to"]
        ):
            self.add_error("date_to", "结束日期不能早于开始日期。")
        return cleaned

    def apply(self, results):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("organisation"):
            results = results.filter(organisation=data["organisation"])
        if data.get("category"):
            results = results.filter(category=data["category"])
        if data.get("status") == "invalid":
            results = results.filter(status__in=INVALID_STATUSES)
        elif data.get("status"):
            results = results.filter(status=data["status"])
        if data.get("date_from"):
            results = results.filter(decision_date__gte=data["date_from"])
        if data.get("date_to"):
            results = results.filter(decision_date__lte=data["date_to"])
        if query := data.get("q", "").strip():
            # Only the masked public text is searched: an ID number, a phone number or a
            # natural person's name finds nothing, because the notices never show them.
            results = results.filter(public_text__icontains=query)
        return results


@cacheable_view(list_tags)
def notice_list(request):
    """行政许可结果公示: the site's organisation, or every organisation on the portal."""
    organisation = site_organisation(request)
    results = ApprovalResult.objects.public().select_related("organisation")
    if organisation is not None:
        results = results.filter(organisation=organisation)
    form = NoticeFilterForm(request.GET or None)
    if organisation is not None:
        del form.fields["organisation"]
    results = form.apply(results) if form.is_bound else results
    page = keyset_page(
        results,
        date_field="decision_date",
        after=request.GET.get("after"),
        before=request.GET.get("before"),
        size=PAGE_SIZE,
    )
    query = request.GET.copy()
    for key in ("after", "before"):
        query.pop(key, None)
    return TemplateResponse(
        request,
        template_candidates(request, "approvals/notice_list.html"),
        {
            "organisation": organisation,
            "form": form,
            "total": results.count(),
            "items_page": page,
            "rows": [(result, masked(result, LIST_FIELDS)) for result in page.items],
            "filter_query": query.urlencode(),
        },
    )


def _visible_result(request, pk):
    result = get_object_or_404(
        ApprovalResult.objects.public().select_related("organisation", "source"), pk=pk
    )
    organisation = site_organisation(request)
    if organisation is not None and result.organisation_id != organisation.id:
        raise Http404("该公示不属于本网站。")
    return result


@cacheable_view(notice_tags)
def notice_detail(request, pk: int):
    """One notice, with personal data masked by the policy in masking.py."""
    result = _visible_result(request, pk)
    values = masked(result, DETAIL_FIELDS)
    return TemplateResponse(
        request,
        template_candidates(request, "approvals/notice_detail.html"),
        {
            "result": result,
            "shown": values,
            "fields": [(FIELD_TITLES[name], values[name]) for name in DETAIL_FIELDS],
            "item": ApprovalItem.objects.filter(code=result.item_code).first()
            if result.item_code
            else None,
        },
    )


@cacheable_view(list_tags)
def guide(request, code: str):
    """办事指南 of one approval item: the seven parts, recent results and actual handling time."""
    item = get_object_or_404(ApprovalItem.objects.select_related("organisation"), code=code)
    results = ApprovalResult.objects.public().filter(
        item_code=item.code, organisation=item.organisation
    )
    recent = list(results[:GUIDE_RECENT])
    return TemplateResponse(
        request,
        template_candidates(request, "approvals/guide.html"),
        {
            "item": item,
            "parts": [
                ("法律依据", item.legal_basis),
                ("办事程序", item.procedure),
                ("申请条件", item.conditions),
                ("申报材料", item.materials),
                ("收费依据及标准", item.fees),
                ("办事时限", item.time_limit),
                ("投诉渠道", item.complaint_channel),
            ],
            "recent": [(result, masked(result, LIST_FIELDS)) for result in recent],
            "handling": handling_time(results),
        },
    )


def handling_time(results) -> dict | None:
    """Average working days from 受理日期 to 许可决定日期 over the latest results that carry one."""
    pairs = results.filter(application_date__isnull=False).values_list(
        "application_date", "decision_date"
    )[:GUIDE_SAMPLE]
    days = []
    for applied, decided in pairs:
        try:
            days.append(working_days_between(applied, decided))
        except CalendarYearMissing:
            continue
    if not days:
        return None
    return {"count": len(days), "average": round(sum(days) / len(days), 1)}
