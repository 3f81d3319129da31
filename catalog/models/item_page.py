"""A disclosure item (政府信息): one document with the full metadata of docs/statute.md §4."""

import functools
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cluster.models.pages import RICH_TEXT_FEATURES, GovernmentPage
from cluster.pagecache import ahead
from cluster.short_urls import ShortSlugMixin

from .. import index_numbers
from ..document_numbers import normalise_document_number, validate_document_number
from ..forms import DisclosureItemForm
from ..listing import displayed_validity
from ..timeliness import PUBLISH_WITHIN_WORKING_DAYS
from ..validators import validate_plain_text
from .choices import (
    Article20Item,
    DisclosureAttribute,
    DisclosureMethod,
    DisclosureScope,
    DocumentClass,
    FivePublics,
    Genre,
    ServiceTarget,
    Validity,
    choice_label,
)

DEFAULT_TIME_LIMIT = "信息形成或者变更之日起20个工作日内"


class DisclosureItemPage(ShortSlugMixin, RoutablePageMixin, GovernmentPage):
    """政府信息: filed in one catalog node, shown in others and on the portal by reference."""

    organisation = models.ForeignKey(
        "cluster.Organisation",
        verbose_name=_("发布机构"),
        on_delete=models.PROTECT,
        related_name="disclosure_items",
        editable=False,
    )
    responsible_department = models.CharField(
        _("公开责任部门"), max_length=100, blank=True, validators=[validate_plain_text]
    )
    index_number = models.CharField(
        _("索引号"), max_length=80, unique=True, null=True, blank=True, editable=False
    )
    document_number = models.CharField(
        _("文号"), max_length=60, blank=True, validators=[validate_document_number]
    )
    written_date = models.DateField(_("成文日期"))
    publish_date = models.DateField(
        _("发布日期"), null=True, blank=True, help_text=_("留空则为首次发布当天。")
    )
    changed_on = models.DateField(
        _("变更日期"),
        null=True,
        blank=True,
        help_text=format_lazy(
            _("信息内容变更时填写；变更后的信息应自变更之日起{days}个工作日内公开。"),
            days=PUBLISH_WITHIN_WORKING_DAYS,
        ),
    )
    effective_date = models.DateField(_("生效日期"), null=True, blank=True)
    valid_until = models.DateField(
        _("有效期至"), null=True, blank=True, help_text=_("过了此日期，信息自动显示为“失效”。")
    )
    topic = models.ForeignKey(
        "catalog.TopicCategory",
        verbose_name=_("主题分类"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    genre = models.CharField(_("体裁分类"), max_length=20, choices=Genre.choices)
    service_target = models.CharField(
        _("服务对象分类"),
        max_length=20,
        choices=ServiceTarget.choices,
        default=ServiceTarget.PUBLIC,
    )
    document_class = models.CharField(
        _("文件类别"),
        max_length=12,
        choices=DocumentClass.choices,
        default=DocumentClass.OTHER,
        help_text=_("规章、行政规范性文件计入年报第二部分的统计。"),
    )
    validity = models.CharField(
        _("有效性"), max_length=10, choices=Validity.choices, default=Validity.VALID
    )
    validity_changed_on = models.DateField(_("失效/废止日期"), null=True, blank=True)
    disclosure_attribute = models.CharField(
        _("公开属性"),
        max_length=12,
        choices=DisclosureAttribute.choices,
        default=DisclosureAttribute.PROACTIVE,
    )
    withheld_reason = models.CharField(_("不予公开理由"), max_length=200, blank=True)
    disclosure_method = models.CharField(
        _("公开方式"),
        max_length=15,
        choices=DisclosureMethod.choices,
        default=DisclosureMethod.WEBSITE,
    )
    disclosure_scope = models.CharField(
        _("公开范围"),
        max_length=10,
        choices=DisclosureScope.choices,
        default=DisclosureScope.SOCIETY,
    )
    disclosure_time_limit = models.CharField(
        _("公开时限"), max_length=60, default=DEFAULT_TIME_LIMIT, validators=[validate_plain_text]
    )
    five_publics = models.CharField(_("五公开"), max_length=12, choices=FivePublics.choices)
    article20_item = models.PositiveSmallIntegerField(
        _("条例第二十条事项"), choices=Article20Item.choices, null=True, blank=True
    )
    summary = models.TextField(
        _("内容概述"), max_length=1000, blank=True, validators=[validate_plain_text]
    )
    body = RichTextField(_("正文"), blank=True, features=RICH_TEXT_FEATURES)
    also_in = ParentalManyToManyField(
        "catalog.CatalogNodePage",
        verbose_name=_("同时显示在"),
        blank=True,
        related_name="referenced_items",
        help_text=_("在其他目录节点中引用显示，不复制内容。"),
    )

    # A copy is a new piece of information: it takes its own 索引号 (and 发布日期) when published.
    exclude_fields_in_copy = ["index_number", "publish_date"]

    content_panels = [
        TitleFieldPanel("title"),  # fills the slug from the title, as on every other page type
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("附件"), label=_("附件")),
    ]
    metadata_panels = [
        MultiFieldPanel(
            [
                FieldPanel("document_number"),
                FieldRowPanel([FieldPanel("written_date"), FieldPanel("publish_date")]),
                FieldPanel("changed_on"),
                FieldRowPanel([FieldPanel("effective_date"), FieldPanel("valid_until")]),
                FieldPanel("responsible_department"),
            ],
            heading=_("文件信息"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldRowPanel([FieldPanel("genre"), FieldPanel("document_class")]),
                FieldRowPanel([FieldPanel("service_target"), FieldPanel("five_publics")]),
                FieldPanel("article20_item"),
                FieldPanel("keywords"),
            ],
            heading=_("分类"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("validity"), FieldPanel("validity_changed_on")])],
            heading=_("有效性"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("disclosure_attribute"), FieldPanel("withheld_reason")]),
                FieldRowPanel([FieldPanel("disclosure_method"), FieldPanel("disclosure_scope")]),
                FieldPanel("disclosure_time_limit"),
            ],
            heading=_("公开属性"),
        ),
        InlinePanel(
            "interpreted_policy_links",
            heading=_("所解读的政策文件"),
            label=_("政策文件"),
            help_text=_("本信息是解读时，选择被解读的政策文件；双方页面都会显示关联。"),
        ),
        MultiFieldPanel([FieldPanel("also_in")], heading=_("引用")),
    ]
    promote_panels = [FieldPanel("slug"), FieldPanel("search_description")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("内容")),
            ObjectList(metadata_panels, heading=_("元数据")),
            ObjectList(promote_panels, heading=_("推广")),
            ObjectList(GovernmentPage.settings_panels, heading=_("发布设置"), classname="settings"),
        ]
    )
    # Wagtail's own index serves the admin's search by title and 文号 only; the public search
    # has its own records (the search app), so the body is not indexed twice.
    search_fields = [*GovernmentPage.search_fields, index.SearchField("document_number")]
    parent_page_types = ["catalog.CatalogNodePage"]
    subpage_types = []
    base_form_class = DisclosureItemForm
    # joined when routing finds the item (cluster.routing): every view shows them
    route_select_related = ("organisation", "topic__parent")

    @classmethod
    def route_queryset(cls, queryset):
        """What the item page shows besides its own row, answered by the routing query
        (cluster.routing): whether it has attachments or 解读 links (most items have neither,
        and then neither costs a query) and its node's column meta tags."""
        return queryset.annotate(
            **{name: RawSQL(sql, ()) for name, sql in _routed_annotations().items()}
        )

    class Meta:
        verbose_name = _("公开信息")
        verbose_name_plural = _("公开信息")
        indexes = [
            models.Index(fields=["-publish_date", "-page_ptr"], name="item_publish_idx"),
            models.Index(
                fields=["organisation", "-publish_date", "-page_ptr"], name="item_org_publish_idx"
            ),
            models.Index(fields=["validity", "valid_until"], name="item_validity_idx"),
            # the 体裁 and 五公开 filters of the public lists, in list order
            models.Index(fields=["genre", "-publish_date", "-page_ptr"], name="item_genre_idx"),
            models.Index(
                fields=["five_publics", "-publish_date", "-page_ptr"], name="item_five_publics_idx"
            ),
        ]

    def _get_FIELD_display(self, field):  # noqa: N802 - Django's name
        return choice_label(field, getattr(self, field.attname))

    def __str__(self):
        return self.title

    # -- validation -------------------------------------------------------------------------

    def clean(self):
        super().clean()
        self.document_number = normalise_document_number(self.document_number)
        errors = {}
        for name in ("title", "keywords"):
            try:
                validate_plain_text(getattr(self, name))
            except ValidationError as error:
                errors[name] = error.messages
        if self.publish_date and self.written_date and self.publish_date < self.written_date:
            errors["publish_date"] = _("发布日期不能早于成文日期。")
        if self.changed_on and self.written_date and self.changed_on < self.written_date:
            errors["changed_on"] = _("变更日期不能早于成文日期。")
        if self.effective_date and self.written_date and self.effective_date < self.written_date:
            errors["effective_date"] = _("生效日期不能早于成文日期。")
        start = self.effective_date or self.written_date
        if self.valid_until and start and self.valid_until < start:
            errors["valid_until"] = _("有效期截止日期不能早于生效日期（或成文日期）。")
        if self.validity != Validity.VALID and not self.validity_changed_on:
            errors["validity_changed_on"] = _("信息已失效或废止时，请填写失效/废止日期。")
        if self.disclosure_attribute == DisclosureAttribute.WITHHELD and not self.withheld_reason:
            errors["withheld_reason"] = _("不予公开的信息须填写理由。")
        if errors:
            raise ValidationError(errors)

    # -- publishing -------------------------------------------------------------------------

    def save(self, *args, **kwargs):
        if not self.organisation_id:
            self.organisation_id = self._organisation_from_tree()
        self.document_number = normalise_document_number(self.document_number)
        if not (self.live and not self.index_number):
            result = super().save(*args, **kwargs)
            self._record_change()
            return result
        # First publication: the serial is taken in the transaction that stores it (gap-free).
        with transaction.atomic():
            self.publish_date = self.publish_date or timezone.localdate()
            self.index_number = index_numbers.allocate_index_number(
                self.organisation, self.publish_date
            )
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "index_number", "publish_date"}
            result = super().save(*args, **kwargs)
            self._record_change()
            return result

    def _record_change(self) -> None:
        """Track a published 变更 once, with the system's time it went live."""
        if self.live and self.changed_on and self.pk:
            from .changes import InformationChange

            InformationChange.objects.get_or_create(
                item=self, changed_on=self.changed_on, defaults={"published_at": timezone.now()}
            )

    def with_content_json(self, content):
        """Revisions never carry the 索引号: it is fixed by the live row once published."""
        obj = super().with_content_json(content)
        obj.index_number = self.index_number
        obj.organisation_id = self.organisation_id or obj.organisation_id
        if self.index_number:
            obj.publish_date = obj.publish_date or self.publish_date
        return obj

    def _organisation_from_tree(self):
        from .root_page import CatalogRootPage

        parent = self.get_parent() if self.pk or self.path else None
        anchor = parent or self
        root = CatalogRootPage.objects.ancestor_of(anchor, inclusive=True).first()
        if root is None:
            raise ValidationError("公开信息必须位于某个机构的政府信息公开专栏之下。")
        return root.organisation_id

    # -- display ----------------------------------------------------------------------------

    @property
    def current_validity(self) -> str:
        """有效性 as shown to the public (`catalog.listing.displayed_validity`)."""
        return displayed_validity(self.validity, self.valid_until, timezone.localdate())

    @property
    def current_validity_label(self) -> str:
        return str(Validity(self.current_validity).label)

    @cached_property
    def _interpretation_links(self) -> list[tuple[int, int]]:
        """(policy id, interpretation id) of the 解读 links touching this item, in one query:
        most items have none, and then neither list below costs another query (nor this
        one, when routing already found none)."""
        if not getattr(self, "routed_has_links", True):
            return []
        return list(
            PolicyInterpretation.objects.filter(
                Q(policy_id=self.pk) | Q(interpretation_id=self.pk)
            ).values_list("policy_id", "interpretation_id")
        )

    def _live_items(self, ids) -> list:
        if not ids:
            return []
        return list(
            DisclosureItemPage.objects.live().public().filter(pk__in=ids).order_by("-publish_date")
        )

    @cached_property
    def related_interpretations(self):
        """Interpretations (解读) of this policy."""
        links = self._interpretation_links
        return self._live_items(
            [interpretation for policy, interpretation in links if policy == self.pk]
        )

    @cached_property
    def interpreted_policies(self):
        """Policies this item interprets."""
        links = self._interpretation_links
        return self._live_items(
            [policy for policy, interpretation in links if interpretation == self.pk]
        )

    def get_context(self, request, *args, **kwargs):
        from .taxonomy import TopicCategory

        context = super().get_context(request, *args, **kwargs)
        # the body's expanded rich text is read with the site's navigation and footer
        ahead.prefetch_page(request, [ahead.richtext_name(self.body)])
        if not type(self).topic.is_cached(self):  # routing joins it; a preview does not
            self.topic = TopicCategory.objects.select_related("parent").get(pk=self.topic_id)
        has_attachments = getattr(self, "routed_has_attachments", True)  # True: not routed
        context["attachments"] = (
            list(self.attachments.select_related("document")) if has_attachments else []
        )
        return context

    @path("qr/", name="qr")
    def qr_view(self, request):
        """The item's address as a QR code image. A separate address, not inline in the page:
        drawing takes about 10-30 ms, which a cold page render (crawlers, the long tail of
        items) should not pay; the caches keep the image with the page's own tags."""
        return HttpResponse(
            _draw_qr_svg(self.get_full_url(request) or ""), content_type="image/svg+xml"
        )

    @path("print/", name="print")
    def print_view(self, request):
        from cluster import theming

        return self.render(
            request, template=theming.template_candidates(request, "catalog/item_print.html")
        )

    def get_article_meta(self) -> dict:
        return {
            "ArticleTitle": self.title,
            "PubDate": f"{self.publish_date:%Y-%m-%d}" if self.publish_date else "",
            "ContentSource": self.organisation.name if self.organisation_id else "",
            "Keywords": self.keywords,
            "Author": self.responsible_department,
        }

    def get_description(self) -> str:
        return self.search_description or self.summary or self.title

    def get_column_meta(self) -> dict:
        """The item's column is the catalog node it is filed under (ColumnType 信息公开)."""
        from .mixins import catalog_column_meta
        from .node_page import CatalogNodePage

        if hasattr(self, "routed_node_keywords"):  # found by routing with the item
            if self.routed_node_keywords is None:  # no node above it
                return {}
            return catalog_column_meta(
                self.routed_node_title, self.routed_node_description, self.routed_node_keywords
            )
        # an item is filed under a node only (parent_page_types): one query for the three
        # columns of its parent the tags show, not the whole node
        node = (
            CatalogNodePage.objects.filter(path=self.path[: -self.steplen])
            .values_list("title", "search_description", "keywords")
            .first()
        )
        return catalog_column_meta(*node) if node is not None else {}


@functools.cache
def _routed_annotations() -> dict[str, str]:
    """SQL of the item page's routing annotations (`DisclosureItemPage.route_queryset`).

    Written as SQL, not as Exists/Subquery expressions: Django compiles those again on every
    request, which cost more processor time than the three queries they replace. Plain SQL
    that SQLite and PostgreSQL both run; the node is the page whose path is the item's path
    without its last step (an item's parent is always a node, `parent_page_types`).
    """
    from .node_page import CatalogNodePage

    page, item = Page._meta.db_table, DisclosureItemPage._meta.db_table
    node = CatalogNodePage._meta.db_table
    parent = f"p.path = SUBSTR({page}.path, 1, LENGTH({page}.path) - {Page.steplen})"
    return {
        "routed_has_attachments": f"EXISTS (SELECT 1 FROM {DisclosureItemAttachment._meta.db_table}"
        f" a WHERE a.item_id = {item}.page_ptr_id)",
        "routed_has_links": f"EXISTS (SELECT 1 FROM {PolicyInterpretation._meta.db_table} l"
        f" WHERE l.policy_id = {item}.page_ptr_id OR l.interpretation_id = {item}.page_ptr_id)",
        "routed_node_title": f"(SELECT p.title FROM {page} p WHERE {parent})",
        "routed_node_description": f"(SELECT p.search_description FROM {page} p WHERE {parent})",
        "routed_node_keywords": f"(SELECT n.keywords FROM {node} n"
        f" INNER JOIN {page} p ON p.id = n.page_ptr_id WHERE {parent})",
    }


def _draw_qr_svg(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=6, border=2)
    return image.to_string(encoding="unicode")


def allowed_attachment_extensions() -> list[str]:
    return getattr(settings, "CATALOG_ATTACHMENT_EXTENSIONS", settings.WAGTAILDOCS_EXTENSIONS)


def max_attachment_size() -> int:
    return getattr(settings, "CATALOG_MAX_ATTACHMENT_SIZE", 50 * 1024 * 1024)


class PolicyInterpretation(Orderable):
    """A 解读 → policy link, chosen on the interpretation and shown on both pages."""

    interpretation = ParentalKey(
        DisclosureItemPage, on_delete=models.CASCADE, related_name="interpreted_policy_links"
    )
    policy = models.ForeignKey(
        DisclosureItemPage,
        verbose_name=_("政策文件"),
        on_delete=models.CASCADE,
        related_name="interpretation_links",
    )

    panels = [PageChooserPanel("policy", "catalog.DisclosureItemPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("所解读的政策文件")
        verbose_name_plural = _("所解读的政策文件")
        constraints = [
            models.UniqueConstraint(
                fields=["interpretation", "policy"], name="unique_interpretation_link"
            )
        ]

    def clean(self):
        super().clean()
        if self.policy_id and self.policy_id == self.interpretation_id:
            raise ValidationError({"policy": _("不能把信息关联为自身的解读。")})


class DisclosureItemAttachment(Orderable):
    """A document attached to an item (PDF, OFD, Word, Excel, images, ...)."""

    item = ParentalKey(DisclosureItemPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文档"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(
        _("附件名称"),
        max_length=200,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("留空则使用文档标题。"),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def clean(self):
        super().clean()
        if not self.document_id:
            return
        extension = os.path.splitext(self.document.file.name)[1].lstrip(".").lower()
        if extension not in allowed_attachment_extensions():
            raise ValidationError(
                {
                    "document": _("附件类型 .%(ext)s 不允许上传，允许的类型：%(allowed)s。")
                    % {"ext": extension, "allowed": "、".join(allowed_attachment_extensions())}
                }
            )
        size = self.document.file_size or self.document.file.size
        if size > max_attachment_size():
            raise ValidationError(
                {
                    "document": _("附件过大（%(size).1f MB），单个附件不能超过 %(limit)d MB。")
                    % {"size": size / 1048576, "limit": max_attachment_size() // 1048576}
                }
            )

    @property
    def display_title(self) -> str:
        return self.title or self.document.title
