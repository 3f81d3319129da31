"""Officer views in the Wagtail admin: lists, registration, the request's file and its actions.

Only requests of the user's organisations (organisations_for(user, "handle_requests")) are
listed or opened; every action goes through disclosure.workflow.perform, which checks may().
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from cluster.permissions import may, organisations_for
from cluster.personal_data import mask_name, personal_data_issues_in

from .. import registration
from ..forms import ActionForm, MultipleFileField, RegistrationForm
from ..letters import letter_response
from ..models import (
    DisclosureRequest,
    FeeDelivery,
    FeeMethod,
    OfficerNotification,
    Remedy,
    State,
)
from ..outcomes import ALLOWED_OUTCOMES, OUTCOME_GROUPED_CHOICES, ReplyKind
from ..private_files import attachment_of, file_response
from ..workflow import (
    ACTIONS,
    DutiesNotSeparated,
    TransitionNotAllowed,
    available_actions,
    deadline_of,
    perform,
)


def _visible(user):
    return DisclosureRequest.objects.filter(
        organisation__in=organisations_for(user, "handle_requests")
    ).select_related("organisation")


def index(request):
    """The requests of the user's organisations, open ones first, with their due dates."""
    if not organisations_for(request.user, "handle_requests").exists():
        raise PermissionDenied
    requests = _visible(request.user)
    state = request.GET.get("state", "")
    if state in State.values:
        requests = requests.filter(state=state)
    return TemplateResponse(
        request,
        "disclosure/admin/index.html",
        {
            "page_title": "依申请公开",
            "header_icon": "mail",
            "requests": requests.order_by("concluded_on", "due_on", "-id")[:200],
            "states": State.choices,
            "state": state,
            "today": timezone.localdate(),
            "notifications": OfficerNotification.objects.filter(user=request.user, read=False)[:20],
        },
    )


class OfficerRegistrationForm(RegistrationForm):
    organisation = forms.ModelChoiceField(label="办理机关", queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_for(user, "handle_requests")


def register(request):
    """Register an application that arrived in person, by mail, fax or e-mail."""
    if not organisations_for(request.user, "handle_requests").exists():
        raise PermissionDenied
    form = OfficerRegistrationForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        application, code = registration.register(
            user=request.user, files=data.pop("files"), **data
        )
        messages.success(
            request, f"已登记申请 {application.number}，查询码 {code}（请告知申请人，仅显示一次）。"
        )
        return redirect("disclosure_admin_detail", application.pk)
    return TemplateResponse(
        request,
        "disclosure/admin/register.html",
        {"page_title": "登记政府信息公开申请", "header_icon": "plus", "form": form},
    )


class ReplyForm(forms.Form):
    kind = forms.ChoiceField(label="答复类型", choices=ReplyKind.choices)
    outcome = forms.ChoiceField(label="年报统计口径（表三）", choices=OUTCOME_GROUPED_CHOICES)
    details = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 4}))
    legal_basis = forms.CharField(label="法律依据（留空用模板）", required=False)
    publish = forms.BooleanField(label="匿名公开答复", required=False)
    public_summary = forms.CharField(label="公开摘要（勿含个人信息）", required=False)
    files = MultipleFileField(label="答复附件")

    def __init__(self, *args, names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.names = [name.strip() for name in names if name and len(name.strip()) > 1]

    def clean_public_summary(self):
        """The summary is published: no unmasked ID or mobile number, no applicant's name."""
        summary = self.cleaned_data.get("public_summary", "")
        problems = [issue.message for issue in personal_data_issues_in({"摘要": summary})]
        problems += [
            f"公开摘要中含有申请人或联系人的姓名“{mask_name(name)}”，请删除后再提交"
            for name in self.names
            if name in summary
        ]
        if problems:
            raise forms.ValidationError(problems)
        return summary


class FeeForm(forms.Form):
    method = forms.ChoiceField(label="计收方式", choices=FeeMethod.choices)
    pages = forms.IntegerField(label="页数（按量计收）", required=False, min_value=1)
    delivery = forms.ChoiceField(
        label="送达方式", choices=FeeDelivery.choices, initial=FeeDelivery.ONLINE, required=False
    )


class RemedyForm(forms.ModelForm):
    class Meta:
        model = Remedy
        fields = ["kind", "filed_on", "result", "decided_on", "note"]
        widgets = {
            "filed_on": forms.DateInput(attrs={"type": "date"}),
            "decided_on": forms.DateInput(attrs={"type": "date"}),
        }


def detail(request, pk):
    """The request's file: applicant, deadline with breakdown, timeline, available actions."""
    application = get_object_or_404(_visible(request.user), pk=pk)
    return TemplateResponse(
        request,
        "disclosure/admin/detail.html",
        {
            "page_title": f"申请 {application.number}",
            "header_icon": "doc-full",
            "application": application,
            "deadline": deadline_of(application),
            "timeline": application.transitions.select_related("actor"),
            # one form per action, each with its own field ids, so every label names its field
            "action_forms": [
                (action, ActionForm(auto_id=f"id_{action.key}_%s"))
                for action in available_actions(application, request.user)
            ],
            "reply_form": ReplyForm(auto_id="id_reply_%s"),
            "fee_form": FeeForm(auto_id="id_fee_%s"),
            "remedy_form": RemedyForm(),
            "delivery_form": DeliveryForm(),
            "allowed_outcomes": {k.value: v for k, v in ALLOWED_OUTCOMES.items()},
        },
    )


def reply_letter(request, pk):
    """The reply letter of an approved reply, for the handling organisation's officers."""
    application = get_object_or_404(_visible(request.user), pk=pk, state=State.REPLIED)
    if not may(request.user, "handle_requests", application):
        raise PermissionDenied
    return letter_response(application.reply)


def attachment(request, pk, kind, file_pk):
    """An applicant's upload or a reply attachment, for the handling organisation's officers."""
    application = get_object_or_404(_visible(request.user), pk=pk)
    if not may(request.user, "handle_requests", application):
        raise PermissionDenied
    found = attachment_of(application, kind, file_pk)
    if found is None:
        raise Http404("附件不存在。")
    return file_response(found.file, found.name)


def act(request, pk, key):
    """Take one workflow action (POST) and come back to the file with the result."""
    application = get_object_or_404(_visible(request.user), pk=pk)
    if request.method != "POST" or key not in ACTIONS:
        return redirect("disclosure_admin_detail", pk)
    form = ActionForm(request.POST)
    extra = {}
    if key == "submit_reply":
        extra_form = ReplyForm(
            request.POST,
            request.FILES,
            names=(application.applicant_name, application.contact_person),
        )
    elif key == "issue_fee_notice":
        extra_form = FeeForm(request.POST)
    else:
        extra_form = None
    if not form.is_valid() or (extra_form is not None and not extra_form.is_valid()):
        summary_errors = extra_form.errors.get("public_summary") if extra_form else None
        messages.error(
            request,
            "；".join(summary_errors) if summary_errors else "提交的内容有误，请检查日期和必填项。",
        )
        return redirect("disclosure_admin_detail", pk)
    data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    if extra_form is not None:
        extra = extra_form.cleaned_data
    try:
        perform(application, key, request.user, **data, **extra)
    except DutiesNotSeparated as error:
        messages.error(request, str(error))
    except PermissionDenied:
        messages.error(request, "无权执行此操作。")
    except (TransitionNotAllowed, ValueError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已{ACTIONS[key].label}。")
    return redirect("disclosure_admin_detail", pk)


def add_remedy(request, pk):
    """Record a reconsideration or lawsuit about the request (annual report table 四)."""
    application = get_object_or_404(_visible(request.user), pk=pk)
    if not may(request.user, "handle_requests", application):
        raise PermissionDenied
    form = RemedyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        remedy = form.save(commit=False)
        remedy.request = application
        remedy.save()
        messages.success(request, f"已记录{remedy.get_kind_display()}。")
    elif request.method == "POST":
        messages.error(request, "复议或诉讼记录有误，请检查日期。")
    return redirect("disclosure_admin_detail", pk)


class DeliveryForm(forms.Form):
    delivery_method = forms.CharField(label="送达方式", max_length=40)
    delivered_on = forms.DateField(label="送达日期", widget=forms.DateInput(attrs={"type": "date"}))


def record_delivery(request, pk):
    """Record how and when the approved reply letter reached the applicant."""
    application = get_object_or_404(_visible(request.user), pk=pk)
    reply = getattr(application, "reply", None)
    form = DeliveryForm(request.POST or None)
    if request.method != "POST" or application.state != State.REPLIED or reply is None:
        messages.error(request, "答复批准后才能登记送达。")
    elif not form.is_valid():
        messages.error(request, "请填写送达方式和有效的送达日期。")
    elif form.cleaned_data["delivered_on"] < reply.approved_on:
        messages.error(request, "送达日期不能早于答复批准日期。")
    else:
        reply.delivery_method = form.cleaned_data["delivery_method"]
        reply.delivered_on = form.cleaned_data["delivered_on"]
        reply.save(update_fields=["delivery_method", "delivered_on"])
        messages.success(request, "已登记送达。")
    return redirect("disclosure_admin_detail", pk)
