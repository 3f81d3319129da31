"""Admin screens of the catalog: the item listing with the public filters, and timeliness."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from cluster.models import Organisation
from cluster.permissions import organisations_for

from .listing import effective_validity_q
from .models import DisclosureItemPage, FivePublics, Genre, TopicCategory, Validity
from .timeliness import timeliness_rows


class DisclosureItemFilterSet(PageFilterSet):
    """The public list's filters: 主题分类, 体裁, year, 五公开, 有效性, organisation."""

    topic = django_filters.ModelChoiceFilter(
        label="主题分类",
        queryset=TopicCategory.objects.filter(parent=None),
        method="filter_topic",
    )
    genre = django_filters.ChoiceFilter(label="体裁分类", choices=Genre.choices)
    year = django_filters.NumberFilter(label="发布年份", field_name="publish_date__year")
    five_publics = django_filters.ChoiceFilter(label="五公开", choices=FivePublics.choices)
    validity = django_filters.ChoiceFilter(
        label="有效性", choices=Validity.choices, method="filter_validity"
    )
    organisation = django_filters.ModelChoiceFilter(
        label="发布机构", queryset=Organisation.objects.all()
    )

    class Meta:
        model = DisclosureItemPage
        fields = []

    def filter_topic(self, queryset, name, value):
        return queryset.filter(topic__code__startswith=value.code)

    def filter_validity(self, queryset, name, value):
        return queryset.filter(effective_validity_q(value))


class DisclosureItemListingViewSet(PageListingViewSet):
    """所有公开信息: the items a user may explore (own organisation), with the public filters."""

    icon = "doc-full"
    menu_label = "公开信息"
    menu_order = 150
    add_to_admin_menu = True
    model = DisclosureItemPage
    filterset_class = DisclosureItemFilterSet
    name = "disclosure_items"
    columns = [
        *PageListingViewSet.columns,
        Column("index_number", label="索引号"),
        Column("document_number", label="文号"),
        DateColumn("written_date", label="成文日期"),
        DateColumn("publish_date", label="发布日期"),
    ]


def timeliness_report(request, organisation_id):
    """Late and soon-late items of one organisation (条例第二十六条: 20 working days)."""
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    if not organisations_for(request.user, "edit_content").filter(pk=organisation.pk).exists():
        raise PermissionDenied
    return TemplateResponse(
        request,
        "catalog/admin/timeliness.html",
        {"organisation": organisation, "rows": timeliness_rows(organisation)},
    )


def timeliness_index(request):
    """Organisations whose timeliness report the user may read."""
    organisations = organisations_for(request.user, "edit_content")
    return TemplateResponse(
        request, "catalog/admin/timeliness_index.html", {"organisations": organisations}
    )
