"""Admin views for organisations: platform admins see all, organisation admins their own."""

from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from cluster.admin_scoping import ScopedHistoryView, ScopedUsageView

from ..forms import OrganisationCreateForm
from ..models import Organisation
from ..permissions import may, organisations_for
from ..provisioning import provision_organisation

ORGANISATION_ADMIN_ACTIONS = {"change", "view"}


class OrganisationPermissionPolicy(ModelPermissionPolicy):
    """Model permissions for platform admins; organisation admins may change their own row."""

    def _has_model_permission(self, user, action):
        return ModelPermissionPolicy.user_has_permission(self, user, action)

    def user_has_permission(self, user, action):
        if self._has_model_permission(user, action):
            return True
        return (
            action in ORGANISATION_ADMIN_ACTIONS
            and organisations_for(user, "manage_organisation").exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        if self._has_model_permission(user, action):
            return True
        return action in ORGANISATION_ADMIN_ACTIONS and may(user, "manage_organisation", instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self._has_model_permission(user, action) for action in actions):
            return Organisation.objects.all()
        return organisations_for(user, "manage_organisation")


class ManagedOrganisationsMixin:
    """Limit the view to the organisations the user may manage."""

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )


class OrganisationIndexView(ManagedOrganisationsMixin, generic.IndexView):
    pass


class OrganisationEditView(generic.EditView):
    def get_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        )


class OrganisationCreateView(generic.CreateView):
    def save_instance(self):
        organisation = super().save_instance()
        data = self.form.cleaned_data
        provision_organisation(
            organisation,
            hostname=data.get("hostname") or None,
            port=data.get("port") or 80,
            theme=data.get("theme"),
        )
        return organisation


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = "机构管理"
    add_to_admin_menu = True
    menu_order = 150
    list_display = ["name", "short_name", "level", "credit_code"]
    search_fields = ["name", "short_name"]
    index_view_class = OrganisationIndexView
    edit_view_class = OrganisationEditView
    add_view_class = OrganisationCreateView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False

    def get_add_view_kwargs(self, **kwargs):
        create_panel = ObjectList(
            [*Organisation.panels, FieldPanel("hostname"), FieldPanel("port"), FieldPanel("theme")],
            base_form_class=OrganisationCreateForm,
        ).bind_to_model(Organisation)
        return super().get_add_view_kwargs(
            panel=create_panel, form_class=create_panel.get_form_class(), **kwargs
        )


organisation_viewset = OrganisationViewSet("organisations")
