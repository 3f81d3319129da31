"""Admin menu and URLs of on-request disclosure (Wagtail admin)."""

from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet

from cluster.permissions import may, organisations_for

from . import report_publishing
from .models import AnnualReport, OfficerNotification, ReplyTemplate
from .views import officer, report_editor, reports_admin


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("ysqgk/", officer.index, name="disclosure_admin_index"),
        path("ysqgk/register/", officer.register, name="disclosure_admin_register"),
        path("ysqgk/<int:pk>/", officer.detail, name="disclosure_admin_detail"),
        path("ysqgk/<int:pk>/act/<str:key>/", officer.act, name="disclosure_admin_act"),
        path("ysqgk/<int:pk>/letter/", officer.reply_letter, name="disclosure_admin_letter"),
        path(
            "ysqgk/<int:pk>/files/<str:kind>/<int:file_pk>/",
            officer.attachment,
            name="disclosure_admin_attachment",
        ),
        path("ysqgk/<int:pk>/remedy/", officer.add_remedy, name="disclosure_admin_remedy"),
        path("ysqgk/<int:pk>/delivery/", officer.record_delivery, name="disclosure_admin_delivery"),
        path("ysqgk/reports/", reports_admin.edit, name="disclosure_admin_report"),
    ]


class OfficerMenuItem(MenuItem):
    def is_shown(self, request):
        return organisations_for(request.user, "handle_requests").exists()


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return OfficerMenuItem(
        "依申请公开", reverse("disclosure_admin_index"), icon_name="mail", order=250
    )


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return report_editor.report_organisations(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        "政府信息公开年报", reverse("disclosure_admin_report"), icon_name="table", order=251
    )


class WithdrawMenuItem(ActionMenuItem):
    """撤回 in the report editor, for the head of the disclosure office of its organisation."""

    name = "action-withdraw"
    label = "撤回（取消发布）"
    icon_name = "download"

    def get_url(self, context):
        return reverse(
            "wagtailsnippets_disclosure_annualreport:unpublish", args=[context["instance"].pk]
        )


@hooks.register("construct_snippet_action_menu")
def report_action_menu(menu_items, request, context):
    """The report is published by its workflow only, so no publish action; 撤回 for the head."""
    if context.get("model") is not AnnualReport:
        return
    menu_items[:] = [
        item for item in menu_items if item.name not in ("action-publish", "action-unpublish")
    ]
    instance = context.get("instance")
    if (
        context.get("view") == "edit"
        and instance is not None
        and instance.live
        and may(request.user, report_editor.WITHDRAW, instance)
    ):
        menu_items.append(WithdrawMenuItem(order=20))


class ReportDeadlinePanel(Component):
    """Each of the user's organisations: its annual report on last year, deadline and status."""

    name = "disclosure_report_deadlines"
    template_name = "disclosure/admin/report_deadline_panel.html"
    order = 60

    def __init__(self, year, rows):
        self.year, self.rows = year, rows

    def get_context_data(self, parent_context):
        return {"year": self.year, "rows": self.rows}


@hooks.register("construct_homepage_panels")
def add_report_deadline_panel(request, panels):
    organisations = report_editor.report_organisations(request.user)
    if request.user.is_superuser or not organisations.exists():
        return  # a platform admin follows every organisation on the portal's status page
    year = timezone.localdate().year - 1
    rows = report_publishing.publication_status(year, organisations=organisations)
    panels.append(ReportDeadlinePanel(year, rows))


class NotificationsPanel(Component):
    """Unread reminders and escalations of the user's requests, on the admin dashboard."""

    name = "disclosure_notifications"
    template_name = "disclosure/admin/notifications_panel.html"
    order = 50

    def __init__(self, notifications):
        self.notifications = notifications

    def get_context_data(self, parent_context):
        return {"notifications": self.notifications}


@hooks.register("construct_homepage_panels")
def add_notifications_panel(request, panels):
    notifications = list(
        OfficerNotification.objects.filter(user=request.user, read=False).select_related("request")[
            :10
        ]
    )
    if notifications:
        panels.append(NotificationsPanel(notifications))


register_snippet(ReplyTemplate)
register_permission_policy(AnnualReport, report_editor.AnnualReportPermissionPolicy(AnnualReport))
register_snippet(report_editor.AnnualReportViewSet)
