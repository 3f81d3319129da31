"""变更 of published information: each change restarts the 20-working-day publication clock."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InformationChange(models.Model):
    """A 变更 of an item (条例第二十六条: publish within 20 working days of forming *or changing*),
    with the system's time the changed version went live (never an editor-typed date)."""

    item = models.ForeignKey(
        "catalog.DisclosureItemPage", on_delete=models.CASCADE, related_name="changes"
    )
    changed_on = models.DateField(_("变更日期"))
    published_at = models.DateTimeField(_("变更后发布时间"))

    class Meta:
        verbose_name = _("信息变更记录")
        verbose_name_plural = _("信息变更记录")
        ordering = ["-changed_on"]
        constraints = [
            models.UniqueConstraint(fields=["item", "changed_on"], name="one_change_per_item_day")
        ]

    def __str__(self):
        return f"{self.item_id} 变更 {self.changed_on}"
