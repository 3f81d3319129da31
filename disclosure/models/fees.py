"""Fee notices for the 信息处理费 (条例第四十二条; 国办函〔2020〕109号)."""

from django.conf import settings
from django.db import models


class FeeMethod(models.TextChoices):
    PER_REQUEST = "per_request", "按件计收"
    PER_PAGE = "per_page", "按量计收"


class FeeDelivery(models.TextChoices):
    ONLINE = "online", "网上或电子邮件送达（发送当日即为收到）"
    IN_PERSON = "in_person", "当面送达"
    MAIL = "mail", "邮寄送达（签收后登记送达日期）"


class FeeNotice(models.Model):
    """A 收费通知: basis, amount, delivery, payment period, and whether it was paid or withdrawn.

    The payment period runs from the day the applicant receives the notice (`delivered_on`);
    a notice sent by post has no period until its delivery is recorded.
    """

    request = models.ForeignKey(
        "disclosure.DisclosureRequest", on_delete=models.CASCADE, related_name="fee_notices"
    )
    method = models.CharField("计收方式", max_length=12, choices=FeeMethod.choices)
    quantity = models.PositiveIntegerField("件数序号或页数")
    amount = models.DecimalField("金额（元）", max_digits=10, decimal_places=2)
    basis = models.TextField("收费依据与计算")
    issued_on = models.DateField("通知日期")
    delivery = models.CharField(
        "送达方式", max_length=12, choices=FeeDelivery.choices, default=FeeDelivery.ONLINE
    )
    delivered_on = models.DateField("申请人收到通知日期", null=True, blank=True)
    pay_by = models.DateField("缴费期限", null=True, blank=True)
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_reason = models.TextField("撤回理由", blank=True)

    class Meta:
        verbose_name = "收费通知"
        verbose_name_plural = "收费通知"
        ordering = ["issued_on", "id"]
        constraints = [
            # one live (unpaid, not withdrawn) notice per request at a time
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(paid_on__isnull=True, withdrawn_on__isnull=True),
                name="one_live_fee_notice_per_request",
            )
        ]

    def __str__(self):
        return f"{self.request} 收费通知 {self.amount}元"

    @property
    def is_live(self) -> bool:
        return self.paid_on is None and self.withdrawn_on is None
