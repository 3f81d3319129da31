"""The annual report (政府信息公开工作年度报告): editable narrative and manual table 二 rows."""

from django.db import models


class AnnualReport(models.Model):
    """One organisation's report for one year; tables 三 and 四 are computed from the records."""

    organisation = models.ForeignKey(
        "cluster.Organisation", on_delete=models.CASCADE, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    penalty_decisions = models.PositiveIntegerField("行政处罚·本年处理决定数量", default=0)
    enforcement_decisions = models.PositiveIntegerField("行政强制·本年处理决定数量", default=0)
    fees_amount = models.DecimalField(
        "行政事业性收费·本年收费金额（万元）", max_digits=12, decimal_places=4, default=0
    )
    published = models.BooleanField("已发布", default=False)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_report_per_year")
        ]

    def __str__(self):
        return f"{self.organisation}{self.year}年政府信息公开工作年度报告"
