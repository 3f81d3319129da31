"""Administrative reconsideration and litigation about a request (annual report table 四)."""

from django.db import models


class RemedyKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER = "litigation_after", "行政诉讼（复议后起诉）"


class RemedyResult(models.TextChoices):
    MAINTAINED = "maintained", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class Remedy(models.Model):
    """One reconsideration or lawsuit concerning a request."""

    request = models.ForeignKey(
        "disclosure.DisclosureRequest", on_delete=models.CASCADE, related_name="remedies"
    )
    kind = models.CharField("类型", max_length=20, choices=RemedyKind.choices)
    filed_on = models.DateField("申请或起诉日期")
    result = models.CharField(
        "结果", max_length=12, choices=RemedyResult.choices, default=RemedyResult.PENDING
    )
    decided_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "行政复议或行政诉讼"
        verbose_name_plural = "行政复议和行政诉讼"

    def __str__(self):
        return f"{self.request} {self.get_kind_display()}"

    @property
    def organisation(self):
        return self.request.organisation
