"""Admin: report sources and tokens (platform admins), approval items and guides (own
organisation), approval results (read-only) and the timeliness report."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import ApprovalItem

register_permission_policy(ApprovalItem, admin_views.ItemPermissionPolicy(ApprovalItem))


@hooks.register("register_admin_viewset")
def register_source_viewset():
    return admin_views.ApprovalSourceViewSet("approval-sources")


@hooks.register("register_admin_viewset")
def register_item_viewset():
    return admin_views.ApprovalItemViewSet("approval-items")


@hooks.register("register_admin_urls")
def register_timeliness_url():
    return [
        path(
            "approvals/timeliness/",
            admin_views.timeliness_view,
            name="approvals_timeliness",
        )
    ]


class TimelinessMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.report_organisations(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_timeliness_menu_item():
    return TimelinessMenuItem(
        "行政许可公示时效", reverse("approvals_timeliness"), icon_name="time", order=900
    )
