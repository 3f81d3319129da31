"""The annual report (政府信息公开工作年度报告): editable narrative and manual table 二 rows."""

from django.db import models
from wagtail.fields import RichTextField

from cluster.models.pages import RICH_TEXT_FEATURES


class AnnualReport(models.Model):
    """One organisation's report for one year; tables 三 and 四 are computed from the records.

    Publishing freezes the computed tables into `frozen_numbers` (a published report never
    changes afterwards) and files the report in the organisation's catalog with an 索引号.
    """

    organisation = models.ForeignKey(
        "cluster.Organisation", on_delete=models.CASCADE, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    overview = RichTextField("一、总体情况", blank=True, features=RICH_TEXT_FEATURES)
    problems = RichTextField(
        "五、存在的主要问题及改进情况", blank=True, features=RICH_TEXT_FEATURES
    )
    other_matters = RichTextField("六、其他需要报告的事项", blank=True, features=RICH_TEXT_FEATURES)
    penalty_decisions = models.PositiveIntegerField("行政处罚·本年处理决定数量", default=0)
    enforcement_decisions = models.PositiveIntegerField("行政强制·本年处理决定数量", default=0)
    fees_amount = models.DecimalField(
        "行政事业性收费·本年收费金额（万元）", max_digits=12, decimal_places=4, default=0
    )
    published = models.BooleanField("已发布", default=False)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    frozen_numbers = models.JSONField("发布时的表格数据", null=True, blank=True, editable=False)
    index_number = models.CharField("索引号", max_length=80, blank=True, editable=False)
    filed_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="公开目录中的条目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_report_per_year")
        ]

    def __str__(self):
        return f"{self.organisation}{self.year}年政府信息公开工作年度报告"


class AnnualReportReminder(models.Model):
    """A publication-deadline reminder sent once per organisation, report year and kind."""

    organisation = models.ForeignKey(
        "cluster.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField(max_length=30)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "kind"], name="one_report_reminder_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.organisation} {self.year} {self.kind}"
