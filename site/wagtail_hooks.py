"""Admin registration for the cluster core."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from .models import CalendarYear, Organisation
from .views.organisations import OrganisationPermissionPolicy, organisation_viewset

register_permission_policy(Organisation, OrganisationPermissionPolicy(Organisation))


class CalendarYearViewSet(ModelViewSet):
    """Platform admins enter each year's State Council holiday notice here."""

    model = CalendarYear
    icon = "date"
    menu_label = "节假日安排"
    add_to_settings_menu = True
    list_display = ["year", "notice", "seeded"]


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return organisation_viewset


@hooks.register("register_admin_viewset")
def register_calendar_viewset():
    return CalendarYearViewSet("calendar-years")
