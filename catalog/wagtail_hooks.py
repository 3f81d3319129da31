"""Admin integration: node protection, 错敏词 warnings, item listing, timeliness report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from cluster.permissions import may, organisation_for_page, organisations_for

from . import admin_views
from .checks import sensitive_word_issues
from .models import CatalogNodePage, CatalogRootPage, DisclosureItemPage, SensitiveWord

register_snippet(SensitiveWord)


@hooks.register("register_admin_viewset")
def register_item_listing():
    return admin_views.DisclosureItemListingViewSet("disclosure_items")


@hooks.register("before_delete_page")
def protect_statutory_nodes(request, page):
    """The 专栏 root and the statutory nodes (指南, 制度, 第二十条 items, ...) cannot be deleted."""
    specific = page.specific_class
    if specific is CatalogRootPage or (specific is CatalogNodePage and page.specific.statutory):
        messages.error(request, f"“{page.title}”是法定目录节点，不能删除，可以改名或调整顺序。")
        return _redirect_to_parent(page)
    return None


def _redirect_to_parent(page):
    from django.shortcuts import redirect

    return redirect("wagtailadmin_explore", page.get_parent().id)


@hooks.register("before_move_page")
def items_stay_in_their_catalog(request, page, destination):
    """An item's 发布机构 and 索引号 are its organisation's for good, and its organisation's
    lists find it by them: it may move between nodes of that 专栏 only."""
    if page.specific_class is not DisclosureItemPage:
        return None
    if organisation_for_page(destination) != organisation_for_page(page):
        messages.error(request, f"“{page.title}”只能在本单位的政府信息公开目录内移动。")
        return _redirect_to_parent(page)
    return None


@hooks.register("before_create_page")
def only_admins_add_nodes(request, parent_page, page_class):
    """Catalog nodes are the organisation admin's to add; editors file items in them."""
    if page_class is CatalogNodePage:
        _require_manager(request.user, parent_page)


@hooks.register("before_edit_page")
def only_admins_edit_nodes(request, page):
    if page.specific_class in (CatalogNodePage, CatalogRootPage):
        _require_manager(request.user, page)


def _require_manager(user, page):
    organisation = organisation_for_page(page)
    if not may(user, "manage_organisation", organisation):
        raise PermissionDenied("只有单位管理员可以调整政府信息公开目录。")


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def flag_sensitive_words(request, page):
    """Show each 错敏词 with its field and position; editors decide (flagged, not blocked)."""
    if not isinstance(page.specific, DisclosureItemPage):
        return
    item = page.specific
    issues = sensitive_word_issues({name: getattr(item, name, "") for name in (
        "title", "summary", "body", "document_number", "keywords"
    )})  # fmt: skip
    labels = {field.name: field.verbose_name for field in DisclosureItemPage._meta.fields}
    for issue in issues:
        messages.warning(
            request, f"错敏词提示（{labels.get(issue.field, issue.field)}）：{issue.message}"
        )


@hooks.register("register_admin_urls")
def register_timeliness_urls():
    return [
        path("catalog/timeliness/", admin_views.timeliness_index, name="catalog_timeliness"),
        path(
            "catalog/timeliness/<int:organisation_id>/",
            admin_views.timeliness_report,
            name="catalog_timeliness_report",
        ),
    ]


class TimelinessMenuItem(MenuItem):
    def is_shown(self, request):
        return organisations_for(request.user, "edit_content").exists()


@hooks.register("register_admin_menu_item")
def register_timeliness_menu_item():
    return TimelinessMenuItem(
        "公开时效", reverse("catalog_timeliness"), icon_name="time", order=160
    )
