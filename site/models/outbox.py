"""E-mails written in the same transaction as the event they report (transactional outbox).

Part of the core so every app (disclosure requests, site-health digests) queues mail the same way."""

from django.db import models


class OutgoingMail(models.Model):
    """An e-mail waiting to be sent, or sent: the relay marks it sent exactly once.

    Written inside the transaction that records the event (a request accepted, a step taken, a
    health run finished), so the e-mail exists if and only if the event does; `cluster.outbox`
    sends it after the commit, or later when the broker or the mail server was unreachable.
    """

    subject = models.CharField("主题", max_length=200)
    body = models.TextField("正文")
    recipients = models.JSONField("收件人", default=list)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.CharField("最近一次错误", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "待发邮件"
        indexes = [
            models.Index(
                fields=["id"],
                condition=models.Q(sent_at__isnull=True),
                name="cluster_outbox_unsent",
            )
        ]

    def __str__(self):
        return self.subject
