"""Admin menu and URLs of on-request disclosure (Wagtail admin)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet

from cluster.permissions import organisations_for

from .models import OfficerNotification, ReplyTemplate
from .views import officer, reports_admin


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


@hooks.register("register_admin_menu_item")
def register_report_menu_item():
    return OfficerMenuItem(
        "政府信息公开年报", reverse("disclosure_admin_report"), icon_name="table", order=251
    )


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
