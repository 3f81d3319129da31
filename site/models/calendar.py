"""The official holiday calendar (国务院办公厅关于<year>年部分节假日安排的通知), year by year."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


class CalendarYear(ClusterableModel):
    """One year's holiday arrangement; a year without a row is unknown, never guessed."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    notice = models.CharField(
        _("通知名称或文号"),
        max_length=200,
        blank=True,
        help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）"),
    )
    seeded = models.BooleanField(_("由 chinese-calendar 预置"), default=False, editable=False)

    panels = [FieldPanel("year"), FieldPanel("notice"), InlinePanel("days", label=_("特殊日期"))]

    class Meta:
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年节假日安排"


class CalendarDay(models.Model):
    """A date that differs from the Monday–Friday rule: a holiday, or a weekend made a workday."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日")
        WORKDAY = "workday", _("调休上班日")

    calendar_year = ParentalKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("节日"), max_length=60, help_text=_("例如：国庆节"))

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]

    class Meta:
        verbose_name = _("特殊日期")
        verbose_name_plural = _("特殊日期")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.name}（{self.get_kind_display()}）"

    def clean(self):
        super().clean()
        if self.date and self.calendar_year_id and self.date.year != self.calendar_year.year:
            raise ValidationError({"date": _("日期不在该年份内。")})
