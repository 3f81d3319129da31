"""Support tables of the catalog: 主题分类 and the 错敏词 list (索引号 serials: cluster.numbering)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class TopicCategory(models.Model):
    """A 主题分类 category (two-digit code) or sub-category (four digits), seeded from topics.py."""

    code = models.CharField(_("编码"), max_length=4, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")
        ordering = ["code"]

    def __str__(self):
        return f"{self.parent.name}／{self.name}" if self.parent_id else self.name


class SensitiveWord(models.Model):
    """An entry of the editable 错敏词 list checked before submitting or publishing."""

    word = models.CharField(_("错敏词"), max_length=50, unique=True)
    suggestion = models.CharField(_("建议改为"), max_length=50, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    panels = [FieldPanel("word"), FieldPanel("suggestion"), FieldPanel("note")]

    class Meta:
        verbose_name = _("错敏词")
        verbose_name_plural = _("错敏词")
        ordering = ["word"]

    def __str__(self):
        return self.word
