"""Base page types of every site: portal home, organisation home, column (栏目) and article."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from .. import theming
from ..page_forms import GovernmentPageForm
from ..page_urls import page_url_builder
from ..pagecache import ahead
from ..routing import OneQueryRouteMixin
from ..short_urls import ShortSlugMixin

RICH_TEXT_FEATURES = [
    "h2", "h3", "h4", "bold", "italic", "ol", "ul", "hr", "link", "document-link", "image",
]  # fmt: skip


class GovernmentPage(Page):
    """Behaviour shared by every public page: themed templates and government meta tags."""

    keywords = models.CharField(_("关键词"), max_length=200, blank=True)

    base_form_class = GovernmentPageForm  # blocks unmasked ID and mobile numbers on submit
    promote_panels = [*Page.promote_panels, FieldPanel("keywords")]

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        """Wagtail's tester, except that governed pages are published by their workflow only."""
        from ..publishing import WorkflowOnlyPermissionTester

        return WorkflowOnlyPermissionTester(user, self)

    def get_template(self, request, *args, **kwargs):
        return theming.template_candidates(request, super().get_template(request, *args, **kwargs))

    def get_column(self):
        """The column (栏目) this page belongs to, for the ColumnName meta tags."""
        return ColumnPage.objects.ancestor_of(self, inclusive=True).order_by("-depth").first()

    def get_column_meta(self) -> dict:
        """ColumnName, ColumnDescription, ColumnKeywords, ColumnType of the page's column."""
        column = self.get_column()
        if column is None:
            return {}
        return {
            "ColumnName": column.title,
            "ColumnDescription": column.description,
            "ColumnKeywords": column.keywords,
            "ColumnType": column.get_column_type_display(),
        }

    def get_article_meta(self) -> dict:
        """Article-level meta tags (ArticleTitle, PubDate, ...); empty for non-article pages.

        The description is not among them: the layout writes the one description meta tag.
        """
        return {}

    def get_description(self) -> str:
        """The page's description meta tag (the site's description when empty)."""
        return self.search_description


class SiteHomePage(OneQueryRouteMixin, GovernmentPage):
    """Fields and listing shared by the portal home and organisation homes (site roots)."""

    intro = RichTextField(_("简介"), blank=True, features=RICH_TEXT_FEATURES)
    latest_per_column = models.PositiveSmallIntegerField(_("首页每栏目条数"), default=6)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("latest_per_column")]

    class Meta:
        abstract = True

    def get_column(self):
        """None, without a query: a site home is never inside a column (栏目), whose parents
        are homes and columns while a home's parents are the tree root and other homes."""
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # read ahead with the navigation and footer: one cache call for the three fragments
        ahead.prefetch_page(request, [ahead.home_columns_name(self, request)])
        # lazy: not queried while the blocks come from their cached fragment ({% home_columns %})
        context["column_blocks"] = SimpleLazyObject(
            lambda: [
                (column, column.listed_entries(request, column.listing()[: self.latest_per_column]))
                for column in ColumnPage.objects.child_of(self).live().public().in_menu()
            ]
        )
        return context


class PortalHomePage(SiteHomePage):
    """The city portal's home page (www): city news plus the navigation of the whole cluster."""

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("门户首页")
        verbose_name_plural = _("门户首页")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["department_sites"], context["local_sites"] = self.site_directory(request)
        return context

    def site_directory(self, request) -> tuple[list, list]:
        """站群导航: (name, URL) of the departments' and of the local governments' live sites.

        A cached fragment shared by every uncached render of the portal home, purged by any
        organisation change (a home page published or unpublished is one too), any site's
        address changing, the portal's site and its member homes' own pages.
        """
        from wagtail.models import Site

        from ..pagecache import store
        from ..pagecache.dependencies import SITES_TAG, model_tag
        from .organisations import Organisation, OrganisationLevel

        def compute():
            member_sites = (
                Organisation.objects.exclude(home_page=self)
                .filter(home_page__live=True)
                .select_related("home_page")
            )
            departments, local = [], []
            for org in member_sites:
                group = departments if org.level == OrganisationLevel.DEPARTMENT else local
                group.append((org.name, org.home_page.get_url(request)))
            return departments, local

        site = Site.find_for_request(request)
        if site is None:
            return compute()
        tags = {model_tag(Organisation), SITES_TAG, f"site:{site.pk}", store.EVERYTHING}
        return store.fragment(f"site-directory:{self.pk}:{request.get_host()}", tags, compute)


class OrganisationHomePage(SiteHomePage):
    """An organisation's home page: the root of its own site or of its path under the portal."""

    parent_page_types = [
        "wagtailcore.Page",
        "cluster.PortalHomePage",
        "cluster.OrganisationHomePage",
    ]

    class Meta:
        verbose_name = _("机构首页")
        verbose_name_plural = _("机构首页")


class ColumnType(models.TextChoices):
    """Column kinds; the inspection rules give each kind its own update window."""

    NEWS = "news", _("动态要闻")
    NOTICE = "notice", _("通知公告")
    POLICY = "policy", _("政策文件")
    OTHER = "other", _("其他")


class ColumnPage(GovernmentPage):
    """A column (栏目): lists its own articles plus pages referenced from elsewhere, uncopied."""

    column_type = models.CharField(
        _("栏目类型"), max_length=10, choices=ColumnType.choices, default=ColumnType.NEWS
    )
    description = models.CharField(_("栏目描述"), max_length=200, blank=True)
    per_page = models.PositiveSmallIntegerField(_("每页条数"), default=20)
    accepts_submissions = models.BooleanField(
        _("接收信息报送"), default=False, help_text=_("允许其他单位向本栏目报送信息。")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("column_type"),
                FieldPanel("description"),
                FieldPanel("per_page"),
                FieldPanel("accepts_submissions"),
            ],
            heading=_("栏目设置"),
        ),
        InlinePanel("entries", heading=_("引用内容"), label=_("引用")),
    ]
    parent_page_types = [
        "cluster.PortalHomePage",
        "cluster.OrganisationHomePage",
        "cluster.ColumnPage",
    ]

    class Meta:
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")

    def listing(self):
        """Live pages shown in this column: its own children and referenced pages, newest first."""
        own_children = Q(path__startswith=self.path, depth=self.depth + 1)
        referenced = Q(id__in=self.entries.values("page_id"))
        return (
            Page.objects.live()
            .public()
            .filter(own_children | referenced)
            .not_type(ColumnPage)
            .order_by("-first_published_at", "-id")
        )

    @staticmethod
    def listed_entries(request, entries) -> list[tuple[str, str | None, str]]:
        """(title, URL, date published) of `entries` (a `listing()` slice): only the columns
        shown are read, and URLs are built from paths, without page objects."""
        url_for = page_url_builder(request)
        rows = entries.values_list("title", "url_path", "first_published_at")
        return [
            (
                title,
                url_for(url_path),
                timezone.localdate(published).isoformat() if published else "",
            )
            for title, url_path, published in rows
        ]

    def get_column(self):
        """The column itself, without a query."""
        return self

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.listing(), self.per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        page_obj.object_list = self.listed_entries(request, page_obj.object_list)
        context["page_obj"] = page_obj
        context["sub_columns"] = ColumnPage.objects.child_of(self).live().public()
        return context


class ColumnEntry(Orderable):
    """A page shown in a column by reference (一次录入、多端发布): the page is never copied."""

    column = ParentalKey(ColumnPage, on_delete=models.CASCADE, related_name="entries")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("内容"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page", ["cluster.ArticlePage"])]

    class Meta(Orderable.Meta):
        verbose_name = _("引用内容")
        verbose_name_plural = _("引用内容")
        constraints = [
            models.UniqueConstraint(fields=["column", "page"], name="unique_page_per_column")
        ]

    def clean(self):
        super().clean()
        if self.page_id and self.column_id and self.page.get_parent().id == self.column_id:
            raise ValidationError({"page": _("该内容本就位于此栏目中，无需引用。")})


class ArticlePage(ShortSlugMixin, GovernmentPage):
    """An article (news, notice, ...) published in one column and referable from others."""

    author = models.CharField(_("作者"), max_length=60, blank=True)
    source = models.CharField(_("信息来源"), max_length=100, blank=True)
    summary = models.TextField(_("摘要"), max_length=500, blank=True)
    body = RichTextField(_("正文"), features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("source"), FieldPanel("keywords")],
            heading=_("文章信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels
    # Wagtail's own index serves the admin's title search only; the public search has its own
    # records (the search app), so the body is not indexed twice.
    search_fields = Page.search_fields
    parent_page_types = ["cluster.ColumnPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("文章")
        verbose_name_plural = _("文章")

    def get_article_meta(self) -> dict:
        return {
            "ArticleTitle": self.title,
            "PubDate": self.first_published_at.strftime("%Y-%m-%d %H:%M")
            if self.first_published_at
            else "",
            "ContentSource": self.source,
            "Keywords": self.keywords,
            "Author": self.author,
        }

    def get_description(self) -> str:
        return self.search_description or self.summary
