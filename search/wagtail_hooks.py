"""Admin: synonyms, pinned results and the cluster-wide query report (platform admins)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import PinnedResult, SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "resubmit"
    menu_label = "同义词"
    list_display = ["__str__"]


class PinnedResultViewSet(SnippetViewSet):
    model = PinnedResult
    icon = "pick"
    menu_label = "置顶结果"
    list_display = ["query", "page", "sort_order"]
    search_fields = ["query"]


class SearchAdminGroup(SnippetViewSetGroup):
    items = (SynonymGroupViewSet, PinnedResultViewSet)
    menu_icon = "search"
    menu_label = "站群搜索"
    menu_name = "cluster-search"


register_snippet(SearchAdminGroup)


@hooks.register("register_admin_urls")
def register_query_report_url():
    return [path("search-queries/", admin_views.query_report, name="search_query_report")]


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.report_visible(request.user)


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return QueryReportMenuItem(
        "搜索词统计", reverse("search_query_report"), name="search-queries", icon_name="search",
        order=950,
    )  # fmt: skip
