"""Fee notices for the 信息处理费 (条例第四十二条; 国办函〔2020〕109号)."""

from django.db import models


class FeeMethod(models.TextChoices):
    PER_REQUEST = "per_request", "按件计收"
    PER_PAGE = "per_page", "按量计收"


class FeeNotice(models.Model):
    """A 收费通知: basis, amount, payment period, and whether it was paid."""

    request = models.ForeignKey(
        "disclosure.DisclosureRequest", on_delete=models.CASCADE, related_name="fee_notices"
    )
    method = models.CharField("计收方式", max_length=12, choices=FeeMethod.choices)
    quantity = models.PositiveIntegerField("件数序号或页数")
    amount = models.DecimalField("金额（元）", max_digits=10, decimal_places=2)
    basis = models.TextField("收费依据与计算")
    issued_on = models.DateField("通知日期")
    pay_by = models.DateField("缴费期限")
    paid_on = models.DateField("缴费日期", null=True, blank=True)

    class Meta:
        verbose_name = "收费通知"
        verbose_name_plural = "收费通知"
        ordering = ["issued_on", "id"]

    def __str__(self):
        return f"{self.request} 收费通知 {self.amount}元"
