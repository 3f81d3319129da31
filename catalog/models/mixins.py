"""Behaviour shared by the catalog's list pages (专栏 root and nodes)."""

from cluster import compiled_queries, theming, view_restrictions
from cluster.keyset import first_page, keyset_page, newest_first
from cluster.page_urls import page_url_builder

from ..listing import (
    LIST_VALUES,
    PER_PAGE,
    apply_filters,
    choice_labels,
    clean_filters,
    listed_items,
)
from ..navigation import catalog_navigation
from .choices import FivePublics, Genre, Validity


def catalog_column_meta(title: str, description: str, keywords: str) -> dict:
    """The column meta tags of a catalog root or node (a column of type 信息公开)."""
    return {
        "ColumnName": title,
        "ColumnDescription": description,
        "ColumnKeywords": keywords,
        "ColumnType": "信息公开",
    }


class ItemListingMixin:
    """Filtered, keyset-paginated item lists and themed templates for routed views."""

    show_organisation_filter = False

    def get_column_meta(self) -> dict:
        """A catalog root or node is a column of type 信息公开 in the government meta tags."""
        return catalog_column_meta(self.title, self.search_description, self.keywords)

    def navigation(self, request, root):
        """The tree, sub-nodes and filter choices of this list (`catalog.navigation`), read
        once per request (a routed view and the page's context both ask)."""
        cached = getattr(self, "_navigation", None)
        if cached is None or cached[0] is not request:
            cached = self._navigation = (request, catalog_navigation(request, self, root))
        return cached[1]

    def own_items(self, navigation):
        """The live public items this list shows (a queryset); lists override it."""
        raise NotImplementedError

    def own_items_query(self, navigation):
        """(key, build, values) for `cluster.compiled_queries`: `build(*values)` is
        `own_items(navigation)`, with what varies between pages of this type in `values`
        (and what else it reads, the view restrictions, in the key `listing_context` adds)."""
        raise NotImplementedError

    def _first_page(self, navigation):
        """The first page of this list's own items, unfiltered: the query most list views
        run, compiled once per page type (`cluster.compiled_queries`)."""
        from .item_page import DisclosureItemPage

        restricted = view_restrictions.current_restrictions()
        key, build, values = self.own_items_query(navigation)
        if restricted is None:  # outside a GET request: the ORM, as for any other list
            rows = list(newest_first(self._rows(build(*values)), size=PER_PAGE))
            return first_page(rows, PER_PAGE)
        rows = compiled_queries.fetch(
            (key, restricted),
            DisclosureItemPage,
            lambda *args: newest_first(self._rows(build(*args)), size=PER_PAGE),
            values,
        )
        return first_page(rows, PER_PAGE)

    @staticmethod
    def _rows(items):
        return items.values_list(*LIST_VALUES, named=True)

    def listing_context(self, request, items, navigation) -> dict:
        """Filters, filter choices and the keyset page of `items` (None: `own_items`) for the
        list templates.

        Rows are read as plain values (only the columns shown) and their URLs built from
        their paths: no page objects and no per-row trip through Wagtail's URL lookup.
        """
        filters = clean_filters(request.GET)
        after, before = request.GET.get("after"), request.GET.get("before")
        if items is None and not filters and after is None and before is None:
            page = self._first_page(navigation)
        else:
            items = self.own_items(navigation) if items is None else items
            page = keyset_page(
                self._rows(apply_filters(items, filters)), after=after, before=before, size=PER_PAGE
            )
        page.items = listed_items(page.items, page_url_builder(request))
        query = request.GET.copy()
        for key in ("after", "before"):
            query.pop(key, None)
        return {
            "catalog_nav": navigation,
            "filters": filters,
            "items_page": page,
            "filter_query": query.urlencode(),
            "topic_choices": navigation.topics,
            "genre_choices": choice_labels(Genre),
            "five_publics_choices": choice_labels(FivePublics),
            "validity_choices": choice_labels(Validity),
            "organisation_choices": navigation.organisations
            if self.show_organisation_filter
            else (),
        }

    def render(self, request, *args, template=None, context_overrides=None, **kwargs):
        if template is not None:
            template = theming.template_candidates(request, template)
        return super().render(
            request, *args, template=template, context_overrides=context_overrides, **kwargs
        )
