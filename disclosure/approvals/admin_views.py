"""Admin views of approval results: sources and tokens, items and guides, timeliness."""

import datetime as dt

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from cluster.admin_scoping import ScopedHistoryView, ScopedUsageView
from cluster.models import Organisation
from cluster.permissions import may, organisations_for_any

from .models import ApprovalItem, ApprovalSource
from .timeliness import timeliness_report

ITEM_ACTIONS = ("edit_content", "manage_organisation")


def item_organisations(user):
    """Organisations whose approval items `user` may edit (editors and admins of each)."""
    return organisations_for_any(user, ITEM_ACTIONS)


def report_organisations(user):
    return item_organisations(user) if user.is_active else Organisation.objects.none()


class SourceCreateView(generic.CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        self.token = instance.issue_token()
        instance.save()
        self.form.save_m2m()
        return instance

    def get_success_message(self, instance):
        return f"已创建报送来源“{instance}”。访问令牌（只显示这一次，请立即交给来源系统）：{self.token}"


class SourceForm(WagtailAdminModelForm):
    regenerate_token = forms.BooleanField(
        label="重新生成访问令牌", required=False, help_text="旧令牌立即失效，新令牌只显示一次。"
    )


class SourceEditView(generic.EditView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        self.token = (
            instance.issue_token() if self.form.cleaned_data.get("regenerate_token") else None
        )
        instance.save()
        self.form.save_m2m()
        return instance

    def get_success_message(self):
        message = f"已保存报送来源“{self.object}”。"
        if self.token:
            message += f"新的访问令牌（只显示这一次）：{self.token}"
        return message


class ApprovalSourceViewSet(ModelViewSet):
    """Platform admins register each source system and the organisations it reports for."""

    model = ApprovalSource
    icon = "key"
    menu_label = "许可结果报送来源"
    add_to_settings_menu = True
    list_display = ["name", "code", "token_hint", "active", "created_at"]
    add_view_class = SourceCreateView
    edit_view_class = SourceEditView

    def get_edit_handler(self):
        panels = [*ApprovalSource.panels, FieldPanel("regenerate_token")]
        return ObjectList(panels, base_form_class=SourceForm).bind_to_model(ApprovalSource)


class ItemPermissionPolicy(ModelPermissionPolicy):
    """Editors and admins of an organisation manage that organisation's approval items."""

    def user_has_permission(self, user, action):
        return user.is_active and (user.is_superuser or item_organisations(user).exists())

    def user_has_permission_for_instance(self, user, action, instance):
        return any(may(user, codename, instance) for codename in ITEM_ACTIONS)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_permission_for_instance(user, actions[0], instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return ApprovalItem.objects.filter(organisation__in=item_organisations(user))


class ItemForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            self.fields["organisation"].queryset = item_organisations(for_user)


class ItemIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        ).select_related("organisation")


class OwnItemsMixin:
    """Only items of the user's organisations can be opened, changed or deleted."""

    def get_queryset(self):
        return ItemPermissionPolicy(ApprovalItem).instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )


class ItemEditView(OwnItemsMixin, generic.EditView):
    pass


class ItemDeleteView(OwnItemsMixin, generic.DeleteView):
    pass


class ApprovalItemViewSet(ModelViewSet):
    """审批事项与办事指南 (七公开) of the organisations the user edits for."""

    model = ApprovalItem
    icon = "doc-full"
    menu_label = "审批事项与办事指南"
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["code", "name", "organisation", "category", "promised_days"]
    list_filter = ["category"]
    search_fields = ["code", "name"]
    index_view_class = ItemIndexView
    edit_view_class = ItemEditView
    delete_view_class = ItemDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False  # a copy form would show another organisation's item

    def get_edit_handler(self):
        return ObjectList(ApprovalItem.panels, base_form_class=ItemForm).bind_to_model(ApprovalItem)


class PeriodForm(forms.Form):
    date_from = forms.DateField(label="决定日期自", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="决定日期至", widget=forms.DateInput(attrs={"type": "date"}))


def timeliness_view(request):
    """行政许可公示时效: per organisation, decisions published after 7 working days and
    status changes after 5."""
    organisations = report_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    today = timezone.localdate()
    form = PeriodForm(request.GET or {"date_from": dt.date(today.year, 1, 1), "date_to": today})
    rows = []
    if form.is_valid():
        rows = timeliness_report(
            organisations, form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        )
    return render(
        request,
        "approvals/admin/timeliness.html",
        {"form": form, "rows": rows, "header_title": "行政许可公示时效"},
    )
