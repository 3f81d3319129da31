"""Admin registration for the cluster core."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from .admin_scoping import scoped_api_viewset
from .models import CalendarYear, Organisation
from .publishing import OUTSIDE_WORKFLOW
from .views.health import HealthDashboardView, HealthSiteView, visible_sites
from .views.organisations import OrganisationPermissionPolicy, organisation_viewset
from .views.page_chooser import limit_chooser_pages
from .views.submissions import SubmissionIndexView, SubmitView, review_submission
from .views.users import (
    OrganisationUserFormView,
    OrganisationUserIndexView,
    organisation_users_menu_visible,
)

register_permission_policy(Organisation, OrganisationPermissionPolicy(Organisation))


class YesNoColumn(Column):
    """A boolean as 是/否: Wagtail prints a bare field as Python's True/False."""

    def get_value(self, instance):
        return "是" if super().get_value(instance) else "否"


@hooks.register("construct_admin_api", order=100)
def scope_admin_api(router):
    """Documents and images of the admin API: only those of the user's collections."""
    from wagtail.documents import get_document_model
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images import get_image_model
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
    from wagtail.permissions import policy_registry

    documents = policy_registry.get_by_type(get_document_model())
    images = policy_registry.get_by_type(get_image_model())
    router.register_endpoint("documents", scoped_api_viewset(DocumentsAdminAPIViewSet, documents))
    router.register_endpoint("images", scoped_api_viewset(ImagesAdminAPIViewSet, images))


@hooks.register("before_move_page", order=-100)
def move_only_what_may_be_moved(request, page, destination):
    """Wagtail's move confirmation page shows the page before any permission check."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied("无权移动该页面。")


@hooks.register("register_log_actions")
def register_publishing_log_actions(actions):
    actions.register_action(
        OUTSIDE_WORKFLOW, "未经审核流程发布（紧急发布）", "未经审核流程发布（紧急发布）"
    )


class CalendarYearViewSet(ModelViewSet):
    """Platform admins enter each year's State Council holiday notice here."""

    model = CalendarYear
    icon = "date"
    menu_label = "节假日安排"
    add_to_settings_menu = True
    list_display = [
        "year",
        "notice",
        YesNoColumn("seeded", label=CalendarYear._meta.get_field("seeded").verbose_name),
    ]


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return organisation_viewset


@hooks.register("register_admin_viewset")
def register_calendar_viewset():
    return CalendarYearViewSet("calendar-years")


@hooks.register("register_admin_urls")
def register_organisation_user_urls():
    return [
        path("organisation-users/", OrganisationUserIndexView.as_view(), name="organisation_users"),
        path(
            "organisation-users/<int:organisation_id>/add/",
            OrganisationUserFormView.as_view(),
            name="organisation_user_add",
        ),
        path(
            "organisation-users/<int:organisation_id>/<int:user_id>/",
            OrganisationUserFormView.as_view(),
            name="organisation_user_edit",
        ),
    ]


class OrganisationUsersMenuItem(MenuItem):
    def is_shown(self, request):
        return organisation_users_menu_visible(request)


@hooks.register("register_admin_menu_item")
def register_organisation_users_menu_item():
    return OrganisationUsersMenuItem(
        "本单位用户", reverse_lazy("organisation_users"), icon_name="user", order=160
    )


@hooks.register("register_admin_urls")
def register_submission_urls():
    return [
        path("submissions/", SubmissionIndexView.as_view(), name="submissions"),
        path("submissions/new/", SubmitView.as_view(), name="submission_add"),
        path(
            "submissions/<int:submission_id>/review/", review_submission, name="submission_review"
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_submissions_menu_item():
    return MenuItem("信息报送", reverse_lazy("submissions"), icon_name="doc-full", order=170)


@hooks.register("register_admin_urls")
def register_health_urls():
    return [
        path("site-health/", HealthDashboardView.as_view(), name="health_dashboard"),
        path("site-health/<int:site_id>/", HealthSiteView.as_view(), name="health_site"),
    ]


class HealthMenuItem(MenuItem):
    def is_shown(self, request):
        return visible_sites(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_health_menu_item():
    return HealthMenuItem(
        "网站健康监测", reverse_lazy("health_dashboard"), icon_name="warning", order=180
    )


hooks.register("construct_page_chooser_queryset", limit_chooser_pages)


def _label_site_columns():
    """Wagtail's 站点 listing titles three columns after attribute names ("Port", "Site name",
    "Root page"), which no catalog translates: use the fields' (translated) verbose names."""
    from django.utils.text import capfirst
    from wagtail.models import Site
    from wagtail.sites.views import IndexView

    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


_label_site_columns()
