"""Replies (答复书) to applications and the editable letter templates per reply kind."""

from django.conf import settings
from django.db import models

from ..outcomes import OUTCOME_CHOICES, ReplyKind
from ..private_files import private_storage, reply_attachment_path

# 条例第五十一条; 行政复议法第二十条 (60 days), 行政诉讼法第四十六条 (6 months). The organs
# come from the handling organisation's settings (Organisation.remedy_organs).
REMEDY_CLAUSE = (
    "如对本答复不服，可以自收到本答复书之日起六十日内向{{ reconsideration_organ }}申请行政复议，"
    "或者自收到本答复书之日起六个月内向{{ court }}提起行政诉讼。"
)


class ReplyTemplate(models.Model):
    """The editable wording of a reply letter of one kind (Django template syntax)."""

    kind = models.CharField("答复类型", max_length=20, choices=ReplyKind.choices, unique=True)
    legal_basis = models.CharField("法律依据", max_length=300)
    body = models.TextField(
        "正文模板",
        help_text="可用变量：{{ applicant }}、{{ received }}、{{ description }}、{{ details }}。",
    )
    remedy = models.TextField(
        "救济途径",
        default=REMEDY_CLAUSE,
        help_text="可用变量：{{ reconsideration_organ }}（行政复议机关）、{{ court }}（管辖法院）。",
    )

    class Meta:
        verbose_name = "答复书模板"
        verbose_name_plural = "答复书模板"

    def __str__(self):
        return self.get_kind_display()


class Reply(models.Model):
    """The reply to one application: kind, report outcome, letter, approval and delivery."""

    request = models.OneToOneField(
        "disclosure.DisclosureRequest", on_delete=models.CASCADE, related_name="reply"
    )
    kind = models.CharField("答复类型", max_length=20, choices=ReplyKind.choices)
    outcome = models.CharField("年报统计口径", max_length=40, choices=OUTCOME_CHOICES)
    details = models.TextField("答复内容", help_text="公开的内容、获取方式，或不予公开的理由等。")
    legal_basis = models.CharField("法律依据", max_length=300)
    document_number = models.CharField("答复书文号", max_length=60, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_on = models.DateField("批准日期", null=True, blank=True)
    letter = models.FileField(
        "答复书", upload_to="replies/", storage=private_storage, blank=True, editable=False
    )
    delivery_method = models.CharField("送达方式", max_length=40, blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    publish = models.BooleanField("匿名公开答复", default=False)
    public_summary = models.TextField("公开摘要（已去除个人信息）", blank=True)

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"
        constraints = [
            models.UniqueConstraint(
                fields=["document_number"],
                condition=~models.Q(document_number=""),
                name="unique_reply_document_number",
            )
        ]

    def __str__(self):
        return self.document_number or f"{self.request} 答复"


class ReplyAttachment(models.Model):
    """A file sent with the reply (the information disclosed, a notice, ...)."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        "附件", upload_to=reply_attachment_path, storage=private_storage, max_length=200
    )
    name = models.CharField("文件名", max_length=200)

    class Meta:
        verbose_name = "答复附件"
        verbose_name_plural = "答复附件"

    def __str__(self):
        return self.name
