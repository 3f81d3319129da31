"""The page chooser (选择页面) as an organisation's editor needs it.

Wagtail opens the chooser at the tree's root (or at the common ancestor of every page of the
wanted type, i.e. the whole cluster) and lists every page. A department editor starts at
their own organisation's home page instead, and when choosing where a new page goes
(`user_perms=add_subpage`, the "选择上级页面" step of creating a page) sees only the pages
under which they may add one.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Page
from wagtail.permissions import policy_registry

ADD_SUBPAGE = "add_subpage"


def _policy():
    return policy_registry.get_by_type(Page)


class OrganisationPageBrowseView(BrowseView):
    """Wagtail's chooser browse view, opened at the editor's explorable root."""

    def get(self, request, parent_page_id=None):
        if parent_page_id is None and not request.user.is_superuser:
            start = _policy().explorable_root_instance(request.user)
            if start is not None:
                parent_page_id = start.pk
        return super().get(request, parent_page_id=parent_page_id)


def limit_chooser_pages(pages, request):
    """`construct_page_chooser_queryset` hook: a parent chooser lists only usable parents.

    "Usable" is where the user may add a page, or a page on the way down to one.
    """
    user = request.user
    if user.is_superuser or request.GET.get("user_perms") != ADD_SUBPAGE:
        return pages
    policy = _policy()
    may_add = policy.instances_user_has_permission_for(user, "add")
    on_the_way = Page.objects.none()
    for perm in policy.get_cached_permissions_for_user(user):
        if perm.permission.codename == "add_page":
            on_the_way |= Page.objects.ancestor_of(perm.page)
    return pages.filter(pk__in=(may_add | on_the_way).values("pk"))


def chooser_urls():
    """URL patterns placed before Wagtail's admin URLs so that they take the chooser's paths.

    Wagtail guards its own admin URLs with `require_admin_access` and `never_cache`; these
    replacements get the same guards.
    """
    view = never_cache(require_admin_access(OrganisationPageBrowseView.as_view()))
    return [
        path("admin/choose-page/", view, name="cluster_choose_page"),
        path("admin/choose-page/<int:parent_page_id>/", view, name="cluster_choose_page_child"),
    ]
