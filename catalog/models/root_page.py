"""The 政府信息公开专栏 root of one organisation (the portal's aggregates the whole cluster)."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from cluster.models.pages import RICH_TEXT_FEATURES, GovernmentPage, PortalHomePage

from .. import index_numbers
from ..listing import effective_validity_q
from .choices import Validity
from .mixins import ItemListingMixin


class CatalogRootPage(ItemListingMixin, RoutablePageMixin, GovernmentPage):
    """政府信息公开专栏: the catalog tree of one organisation plus a filtered list of its items."""

    organisation = models.OneToOneField(
        "cluster.Organisation",
        verbose_name=_("机构"),
        on_delete=models.PROTECT,
        related_name="catalog_root",
    )
    intro = RichTextField(_("简介"), blank=True, features=RICH_TEXT_FEATURES)
    index_number_pattern = models.CharField(
        _("索引号规则"),
        max_length=80,
        blank=True,
        validators=[index_numbers.validate_pattern],
        help_text=_(
            "留空则使用全国默认规则 {org_code}/{year}-{serial:05d}。"
            "可用占位符：{org_code} 统一社会信用代码、{org_slug} 英文标识、{year} 年、{month} 月、"
            "{serial:05d} 流水号（位数可调）。已发布信息的索引号不会改变。"
        ),
    )

    content_panels = [
        *GovernmentPage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("index_number_pattern")], heading=_("索引号")),
    ]
    parent_page_types = ["cluster.PortalHomePage", "cluster.OrganisationHomePage"]
    subpage_types = ["catalog.CatalogNodePage"]

    class Meta:
        verbose_name = _("政府信息公开专栏")
        verbose_name_plural = _("政府信息公开专栏")

    @cached_property
    def is_portal(self) -> bool:
        """The portal's 专栏 lists every organisation's items (city-wide catalog)."""
        return PortalHomePage.objects.filter(path=self.path[: -self.steplen]).exists()

    @property
    def show_organisation_filter(self) -> bool:
        return self.is_portal

    def items(self):
        """Live public items this 专栏 lists: its own, or the whole cluster's on the portal."""
        return _root_items(None if self.is_portal else self.organisation_id)

    def own_items(self, navigation):
        return self.items()

    def own_items_query(self, navigation):
        if self.is_portal:
            return "catalog-portal-items", _root_items, ()
        return "catalog-root-items", _root_items, (self.organisation_id,)

    def navigation(self, request, root=None):
        navigation = super().navigation(request, self)
        # known from the cached navigation: no query for it (the page cache's tag rule asks too)
        self.__dict__["is_portal"] = navigation.is_portal
        return navigation

    def get_context(self, request, *args, listing_items=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        navigation = self.navigation(request)
        context["catalog_root"] = self
        context |= self.listing_context(request, listing_items, navigation)
        return context

    @path("fzhsxwj/", name="repealed")
    def repealed(self, request):
        """废止和失效文件: items repealed, expired, or past their 有效期."""
        self.navigation(request)  # whether this is the portal's city-wide 专栏, without a query
        repealed = self.items().filter(
            effective_validity_q(Validity.EXPIRED) | effective_validity_q(Validity.REPEALED)
        )
        return self.render(
            request,
            listing_items=repealed,
            context_overrides={"listing_title": "废止和失效文件"},
            template="catalog/repealed_list.html",
        )


def _root_items(organisation_id=None):
    """Live public items of the organisation's 专栏, or of the whole cluster (None, the
    portal's): `CatalogRootPage.items`."""
    from .item_page import DisclosureItemPage

    items = DisclosureItemPage.objects.live().public()
    if organisation_id is not None:
        items = items.filter(organisation_id=organisation_id)
    return items
