"""Wagtail's generic object views (history, usage) scoped to what the user may manage.

Wagtail's HistoryView and UsageView look an object up among all rows of its model and only ask
the model-wide permission; a viewset of organisation-owned objects uses these classes so an
object of an organisation the user does not manage answers 404 (cluster.permissions decides,
through the viewset's permission policy).
"""

from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView


class ScopedObjectMixin:
    """Look the object up among the instances the permission policy grants the user."""

    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "delete", "view"]
        )


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    """History of an object the user may manage."""


class ScopedUsageView(ScopedObjectMixin, UsageView):
    """Usage of an object the user may manage."""


def scoped_api_viewset(base, permission_policy):
    """An admin API endpoint class whose objects are those the user may choose or change
    (Wagtail's admin API shows every document and image to any admin user)."""

    class ScopedAdminAPIViewSet(base):
        def get_queryset(self):
            allowed = permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["choose", "change"]
            )
            return super().get_queryset().filter(pk__in=allowed.values("pk"))

    ScopedAdminAPIViewSet.__name__ = f"Scoped{base.__name__}"
    return ScopedAdminAPIViewSet
