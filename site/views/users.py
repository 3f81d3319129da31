"""Organisation admins manage the accounts and roles of their own organisation only."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import Organisation, OrganisationGroup
from ..permissions import members, organisations_for
from ..roles import ROLES

ROLE_CHOICES = [(role.key, role.label) for role in ROLES]


def member_roles(user, organisation) -> list[str]:
    """Role keys `user` holds in `organisation`."""
    return list(
        OrganisationGroup.objects.filter(organisation=organisation, group__user=user).values_list(
            "role", flat=True
        )
    )


def set_member_roles(user, organisation, role_keys) -> None:
    """Make `user`'s roles in `organisation` exactly `role_keys`; other organisations untouched."""
    links = OrganisationGroup.objects.filter(organisation=organisation).select_related("group")
    for link in links:
        if link.role in role_keys:
            user.groups.add(link.group)
        else:
            user.groups.remove(link.group)


class OrganisationUserForm(forms.Form):
    username = forms.CharField(label="用户名", max_length=150)
    name = forms.CharField(label="姓名", max_length=150)
    email = forms.EmailField(label="电子邮箱", required=False)
    password = forms.CharField(
        label="密码",
        widget=forms.PasswordInput,
        required=False,
        help_text="修改时留空表示不改密码。",
    )
    is_active = forms.BooleanField(label="启用", required=False, initial=True)
    roles = forms.MultipleChoiceField(
        label="角色", choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )

    IDENTITY_FIELDS = ("name", "email", "password", "is_active")

    def __init__(self, *args, instance=None, identity_editable=True, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        if instance is not None:
            self.fields["username"].disabled = True
            if not identity_editable:
                for name in self.IDENTITY_FIELDS:
                    self.fields[name].disabled = True
                    self.fields[name].required = False
                self.fields[
                    "roles"
                ].help_text = "该用户也属于您无权管理的单位，只能调整其在本单位的角色。"
        else:
            self.fields["password"].required = True
            self.fields["password"].help_text = ""

    def clean_username(self):
        username = self.cleaned_data["username"]
        if self.instance is None and get_user_model().objects.filter(username=username).exists():
            raise forms.ValidationError(
                "用户名“%(username)s”已存在。", params={"username": username}
            )
        return username

    def clean_password(self):
        password = self.cleaned_data["password"]
        if password:
            validate_password(password, self.instance)
        return password


class ManagedOrganisationMixin:
    """Resolve the organisation from the URL; refuse organisations the user may not manage."""

    def dispatch(self, request, *args, **kwargs):
        managed = organisations_for(request.user, "manage_users")
        self.organisation = get_object_or_404(managed, pk=kwargs["organisation_id"])
        return super().dispatch(request, *args, **kwargs)

    def member(self, user_id):
        return get_object_or_404(members(self.organisation, active_only=False), pk=user_id)


def identity_editable_by(manager, user) -> bool:
    """Name, e-mail, password and status are the manager's to change only when every group of
    `user` is a role group of an organisation `manager` manages (never for a platform admin,
    staff, or anyone holding a platform group or a permission of his own)."""
    if manager.is_superuser:
        return True
    if user.is_superuser or user.is_staff or user.user_permissions.exists():
        return False
    if user.groups.filter(organisation_role__isnull=True).exists():
        return False  # a platform group (or a leftover one) reaches beyond the organisation
    user_organisations = Organisation.objects.filter(role_groups__group__user=user)
    managed = organisations_for(manager, "manage_users")
    return not user_organisations.exclude(pk__in=managed.values("pk")).exists()


class OrganisationUserIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cluster/admin/organisation_users.html"
    page_title = "本单位用户"
    header_icon = "user"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisations = organisations_for(self.request.user, "manage_users")
        if not organisations.exists():
            raise PermissionDenied
        context["organisations"] = [
            (
                organisation,
                [
                    (user, [dict(ROLE_CHOICES)[key] for key in member_roles(user, organisation)])
                    for user in members(organisation, active_only=False).order_by("username")
                ],
            )
            for organisation in organisations
        ]
        return context


class OrganisationUserFormView(ManagedOrganisationMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "wagtailadmin/generic/form.html"
    form_class = OrganisationUserForm
    header_icon = "user"
    submit_button_label = "保存"

    def get_page_title(self):
        return f"{self.organisation.name}·{'编辑用户' if self.user_id else '添加用户'}"

    @property
    def user_id(self):
        return self.kwargs.get("user_id")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.user_id:
            user = self.member(self.user_id)
            kwargs["instance"] = user
            kwargs["identity_editable"] = identity_editable_by(self.request.user, user)
            kwargs["initial"] = {
                "username": user.username,
                "name": user.first_name,
                "email": user.email,
                "is_active": user.is_active,
                "roles": member_roles(user, self.organisation),
            }
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.get_full_path()
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        user = form.instance or get_user_model()(username=data["username"])
        if not form.fields["name"].disabled:
            user.first_name = data["name"]
            user.email = data["email"]
            user.is_active = data["is_active"]
            if data["password"]:
                user.set_password(data["password"])
            user.save()
        set_member_roles(user, self.organisation, data["roles"])
        messages.success(self.request, f"用户“{user.username}”已保存。")
        return redirect(reverse("organisation_users"))


def organisation_users_menu_visible(request) -> bool:
    return (
        Organisation.objects.exists() and organisations_for(request.user, "manage_users").exists()
    )
