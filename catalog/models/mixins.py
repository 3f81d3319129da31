"""Behaviour shared by the catalog's list pages (专栏 root and nodes)."""

from cluster import theming
from cluster.keyset import keyset_page

from ..listing import PER_PAGE, apply_filters, clean_filters
from .choices import FivePublics, Genre, Validity

LIST_FIELDS = (
    "title", "url_path", "path", "depth", "publish_date", "index_number", "document_number",
    "validity", "valid_until", "organisation__short_name", "topic__name", "genre",
)  # fmt: skip


class ItemListingMixin:
    """Filtered, keyset-paginated item lists and themed templates for routed views."""

    show_organisation_filter = False

    def get_column_meta(self) -> dict:
        """A catalog root or node is a column of type 信息公开 in the government meta tags."""
        return {
            "ColumnName": self.title,
            "ColumnDescription": self.search_description,
            "ColumnKeywords": self.keywords,
            "ColumnType": "信息公开",
        }

    def listing_context(self, request, items) -> dict:
        """Filters, filter choices and the keyset page of `items` for the list templates."""
        from cluster.models import Organisation

        from .taxonomy import TopicCategory

        filters = clean_filters(request.GET)
        page = keyset_page(
            apply_filters(items, filters)
            .select_related("organisation", "topic")
            .only(*LIST_FIELDS),
            after=request.GET.get("after"),
            before=request.GET.get("before"),
            size=PER_PAGE,
        )
        query = request.GET.copy()
        for key in ("after", "before"):
            query.pop(key, None)
        return {
            "filters": filters,
            "items_page": page,
            "filter_query": query.urlencode(),
            "topic_choices": TopicCategory.objects.filter(parent=None),
            "genre_choices": Genre.choices,
            "five_publics_choices": FivePublics.choices,
            "validity_choices": Validity.choices,
            "organisation_choices": Organisation.objects.only("slug", "short_name")
            if self.show_organisation_filter
            else (),
        }

    def render(self, request, *args, template=None, context_overrides=None, **kwargs):
        if template is not None:
            template = theming.template_candidates(request, template)
        return super().render(
            request, *args, template=template, context_overrides=context_overrides, **kwargs
        )
