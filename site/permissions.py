"""The one place that decides whether a user may act on an object.

Pages are answered by Wagtail's page permissions; every other object is answered by the
django-guardian permission its owning organisation grants (see cluster.roles).
"""

from django.contrib.auth import get_user_model
from guardian.shortcuts import get_objects_for_user
from wagtail.models import Page

from .models import Organisation

PAGE_ACTIONS = {
    "add": "can_add_subpage",
    "edit": "can_edit",
    "publish": "can_publish",
    "unpublish": "can_unpublish",
    "delete": "can_delete",
    "lock": "can_lock",
}


def organisation_for_page(page):
    """The organisation whose subtree holds `page` (the deepest owning home page wins)."""
    return (
        Organisation.objects.filter(home_page__in=page.get_ancestors(inclusive=True))
        .order_by("-home_page__depth")
        .first()
    )


def organisation_of(obj):
    """The organisation that owns `obj`: itself, its `organisation` attribute, or its page tree."""
    if isinstance(obj, Organisation):
        return obj
    if isinstance(obj, Page):
        return organisation_for_page(obj)
    return getattr(obj, "organisation", None)


def may(user, action: str, obj) -> bool:
    """True when `user` may perform `action` on `obj`.

    For pages `action` is one of PAGE_ACTIONS; for other objects it is an Organisation
    permission codename such as "handle_requests".
    """
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if isinstance(obj, Page):
        tester = obj.permissions_for_user(user)
        return getattr(tester, PAGE_ACTIONS[action])()
    organisation = organisation_of(obj)
    return organisation is not None and user.has_perm(f"cluster.{action}", organisation)


def organisations_for(user, action: str):
    """The organisations in which `user` holds the organisation permission `action`."""
    if user.is_superuser:
        return Organisation.objects.all()
    return get_objects_for_user(
        user, f"cluster.{action}", klass=Organisation, accept_global_perms=False
    )


def organisations_for_any(user, actions):
    """The organisations in which `user` holds at least one of the organisation permissions
    `actions` (one query)."""
    if user.is_superuser:
        return Organisation.objects.all()
    return get_objects_for_user(
        user,
        [f"cluster.{action}" for action in actions],
        klass=Organisation,
        any_perm=True,
        accept_global_perms=False,
    )


def members(organisation, roles=None, *, active_only=True):
    """The users holding any of `roles` (role keys of cluster.roles; every role when None)
    in `organisation`: the one query for "who are the officers / admins of O"."""
    # One filter() call: both conditions must hold for the same group. Two calls would join
    # the groups twice and count a role held in another organisation.
    group = {"groups__organisation_role__organisation": organisation}
    if roles is not None:
        group["groups__organisation_role__role__in"] = roles
    users = get_user_model().objects.filter(**group)
    if active_only:
        users = users.filter(is_active=True)
    return users.distinct()


def assert_may(user, action: str, obj) -> None:
    """Raise PermissionDenied unless may() allows the action."""
    from django.core.exceptions import PermissionDenied

    if not may(user, action, obj):
        raise PermissionDenied("无权对该对象执行此操作。")
