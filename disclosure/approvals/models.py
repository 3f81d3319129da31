"""Approval sources (with API tokens), approval items with service guides, and results.

Results are plain models, not pages: a city produces hundreds of thousands of them.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .fields import CATEGORIES, FIELD_TITLES, HOLDER_TYPES, INVALID_STATUSES, STATUSES


def hash_token(token: str) -> str:
    """The stored form of an API token (tokens are random, so a plain SHA-256 suffices)."""
    return hashlib.sha256(token.encode()).hexdigest()


# Sent with the ids of results written in bulk (no post_save): stored, changed or withdrawn.
results_changed = Signal()


class ApprovalSource(models.Model):
    """A system that reports approval results, with its API token and permitted organisations."""

    name = models.CharField(_("来源系统名称"), max_length=100, unique=True)
    code = models.SlugField(
        _("来源标识"),
        max_length=40,
        unique=True,
        help_text=_("报送时在 source 字段中填写；交换目录中的子目录名。"),
    )
    organisations = models.ManyToManyField(
        "cluster.Organisation",
        verbose_name=_("可报送的许可机关"),
        related_name="approval_sources",
        help_text=_("令牌只能报送这些机构作出的许可决定。"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField(_("令牌前缀"), max_length=8, editable=False, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("organisations"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("报送来源")
        verbose_name_plural = _("报送来源")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def issue_token(self) -> str:
        """Give the source a new random token; only its hash is kept, so show it once."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.token_hint = token[:8]
        return token

    @classmethod
    def for_token(cls, token: str):
        """The active source holding `token`, or None."""
        return cls.objects.filter(token_hash=hash_token(token), active=True).first()


class ApprovalItem(models.Model):
    """An approval item (审批事项) and its public service guide (办事指南, 七公开)."""

    code = models.CharField(_("事项编码"), max_length=60, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    organisation = models.ForeignKey(
        "cluster.Organisation",
        verbose_name=_("实施机关"),
        on_delete=models.PROTECT,
        related_name="approval_items",
    )
    category = models.CharField(_("许可类别"), max_length=4, choices=[(c, c) for c in CATEGORIES])
    legal_basis = models.TextField(_("法律依据"))
    procedure = models.TextField(_("办事程序"))
    conditions = models.TextField(_("申请条件"))
    materials = models.TextField(_("申报材料"))
    fees = models.TextField(_("收费依据及标准"), default="不收费")
    time_limit = models.TextField(_("办事时限"), help_text=_("法定时限与承诺时限的文字说明。"))
    promised_days = models.PositiveIntegerField(
        _("承诺时限（工作日）"), help_text=_("自受理之日起的工作日数，用于比较实际办理用时。")
    )
    complaint_channel = models.TextField(_("投诉渠道"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("name"),
                FieldPanel("organisation"),
                FieldPanel("category"),
            ],
            heading=_("审批事项"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_basis"),
                FieldPanel("procedure"),
                FieldPanel("conditions"),
                FieldPanel("materials"),
                FieldPanel("fees"),
                FieldPanel("time_limit"),
                FieldPanel("promised_days"),
                FieldPanel("complaint_channel"),
            ],
            heading=_("办事指南（七公开）"),
        ),
    ]

    class Meta:
        verbose_name = _("审批事项")
        verbose_name_plural = _("审批事项与办事指南")
        ordering = ["organisation", "code"]

    def __str__(self):
        return f"{self.name}（{self.code}）"

    def get_absolute_url(self):
        return reverse("approvals:guide", args=[self.code])


def _field(name, **kwargs):
    return {"verbose_name": FIELD_TITLES[name], **kwargs}


class ApprovalResultQuerySet(models.QuerySet):
    def public(self):
        """Notices the public may see: within their display period, not withdrawn, not minors'."""
        return self.filter(
            withdrawn_at__isnull=True,
            is_minor=False,
            needs_review=False,
            display_until__gte=timezone.localdate(),
        )


class ApprovalResult(models.Model):
    """One 行政许可 decision as reported by a source; keyed by (source, 文书号, 许可编号)."""

    # No separate FK indexes: the unique key and approval_org_date_id start with these columns.
    source = models.ForeignKey(
        ApprovalSource,
        verbose_name=_("报送来源"),
        on_delete=models.PROTECT,
        related_name="results",
        db_index=False,
    )
    organisation = models.ForeignKey(
        "cluster.Organisation",
        verbose_name=FIELD_TITLES["authority_name"],
        on_delete=models.PROTECT,
        related_name="approval_results",
        db_index=False,
    )
    holder_name = models.CharField(**_field("holder_name", max_length=200))
    holder_type = models.CharField(
        **_field("holder_type", max_length=10, choices=[(t, t) for t in HOLDER_TYPES])
    )
    holder_credit_code = models.CharField(**_field("holder_credit_code", max_length=18, blank=True))
    business_registration_number = models.CharField(
        **_field("business_registration_number", max_length=50, blank=True)
    )
    organisation_code = models.CharField(**_field("organisation_code", max_length=20, blank=True))
    tax_registration_number = models.CharField(
        **_field("tax_registration_number", max_length=50, blank=True)
    )
    institution_certificate_number = models.CharField(
        **_field("institution_certificate_number", max_length=50, blank=True)
    )
    social_organisation_number = models.CharField(
        **_field("social_organisation_number", max_length=50, blank=True)
    )
    legal_representative = models.CharField(
        **_field("legal_representative", max_length=50, blank=True)
    )
    legal_representative_id_type = models.CharField(
        **_field("legal_representative_id_type", max_length=20, blank=True)
    )
    legal_representative_id_number = models.CharField(
        **_field("legal_representative_id_number", max_length=30, blank=True)
    )
    decision_document_name = models.CharField(**_field("decision_document_name", max_length=200))
    decision_document_number = models.CharField(
        **_field("decision_document_number", max_length=100)
    )
    category = models.CharField(
        **_field("category", max_length=4, choices=[(c, c) for c in CATEGORIES])
    )
    licence_name = models.CharField(**_field("licence_name", max_length=200, blank=True))
    licence_number = models.CharField(**_field("licence_number", max_length=100, blank=True))
    content = models.TextField(**_field("content"))
    decision_date = models.DateField(**_field("decision_date"))
    valid_from = models.DateField(**_field("valid_from"))
    valid_to = models.DateField(**_field("valid_to", null=True, blank=True))
    authority_name = models.CharField(**_field("authority_name", max_length=200))
    authority_credit_code = models.CharField(**_field("authority_credit_code", max_length=18))
    status = models.CharField(**_field("status", max_length=4, choices=[(s, s) for s in STATUSES]))
    data_source_name = models.CharField(**_field("data_source_name", max_length=200, blank=True))
    data_source_credit_code = models.CharField(
        **_field("data_source_credit_code", max_length=18, blank=True)
    )
    remarks = models.TextField(**_field("remarks", blank=True))
    status_date = models.DateField(**_field("status_date", null=True, blank=True))
    item_code = models.CharField(**_field("item_code", max_length=60, blank=True, db_index=True))
    application_date = models.DateField(**_field("application_date", null=True, blank=True))
    holder_address = models.CharField(**_field("holder_address", max_length=200, blank=True))
    holder_phone = models.CharField(**_field("holder_phone", max_length=30, blank=True))
    minor = models.BooleanField(**_field("minor", default=False))

    is_minor = models.BooleanField(
        _("未成年人案件（不公开）"),
        default=False,
        help_text=_("按报送标记或身份证号出生日期判定。"),
    )
    needs_review = models.BooleanField(
        _("待核实（不公开）"),
        default=False,
        help_text=_("自然人身份证号码校验位错误，无法判断是否涉及未成年人，核实前不公示。"),
    )
    public_text = models.TextField(
        _("公示检索文本"),
        blank=True,
        editable=False,
        help_text=_("脱敏后的公示内容，公示查询只检索本字段。"),
    )
    fingerprint = models.CharField(max_length=40, editable=False)
    published_at = models.DateTimeField(_("公示时间"))
    status_published_at = models.DateTimeField(_("状态变更公示时间"), null=True, blank=True)
    display_until = models.DateField(_("公示截止日期"))
    withdrawn_at = models.DateTimeField(_("撤下时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("最近更新时间"))

    objects = ApprovalResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政许可结果")
        verbose_name_plural = _("行政许可结果")
        ordering = ["-decision_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "decision_document_number", "licence_number"],
                name="approval_result_unique_key",
            )
        ]
        indexes = [
            # Both end with id: keyset pages compare (decision_date, id) in one range scan.
            models.Index(
                fields=["organisation", "-decision_date", "-id"], name="approval_org_date_id"
            ),
            models.Index(fields=["-decision_date", "-id"], name="approval_date"),
        ]

    def __str__(self):
        return f"{self.decision_document_number} {self.decision_document_name}"

    def get_absolute_url(self):
        return reverse("approvals:detail", args=[self.pk])

    @property
    def is_invalidated(self) -> bool:
        return self.status in INVALID_STATUSES


class ApprovalResultChange(models.Model):
    """History: what one re-submission changed in a result ({field: [old, new]})."""

    result = models.ForeignKey(ApprovalResult, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField(_("变更时间"))
    changes = models.JSONField(_("变更内容"))

    class Meta:
        verbose_name = _("结果变更记录")
        verbose_name_plural = _("结果变更记录")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.changed_at:%Y-%m-%d %H:%M} {', '.join(self.changes)}"


def display_period_days() -> int:
    """How long a notice stays public after its decision date (configurable, unconfirmed)."""
    return getattr(settings, "APPROVALS_DISPLAY_DAYS", 3 * 365)
