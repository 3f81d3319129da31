"""Counters of the numbering service (cluster.numbering): one row per numbering scope."""

from django.db import models


class NumberSequence(models.Model):
    """The last serial handed out in one scope, e.g. `request_number:12:2026`."""

    scope = models.CharField(max_length=120, unique=True)
    last_serial = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "编号计数器"
        verbose_name_plural = "编号计数器"

    def __str__(self):
        return f"{self.scope}: {self.last_serial}"
