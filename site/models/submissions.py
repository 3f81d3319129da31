"""信息报送: departments submit published pages to portal columns, which accept or return them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """A department's request that a column of another site show one of its pages by reference."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        ACCEPTED = "accepted", _("已采用")
        RETURNED = "returned", _("已退回")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("报送内容"), on_delete=models.CASCADE, related_name="+"
    )
    column = models.ForeignKey(
        "cluster.ColumnPage",
        verbose_name=_("目标栏目"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    organisation = models.ForeignKey(
        "cluster.Organisation",
        verbose_name=_("报送单位"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    note = models.CharField(_("报送说明"), max_length=200, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("报送时间"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reason = models.CharField(_("退回理由"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("信息报送")
        verbose_name_plural = _("信息报送")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "column"],
                condition=models.Q(status="pending"),
                name="one_pending_submission_per_page_and_column",
            )
        ]
        indexes = [models.Index(fields=["organisation", "submitted_at"])]

    def __str__(self):
        return f"{self.page.title} → {self.column.title}"
