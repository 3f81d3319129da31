"""The annual report (政府信息公开工作年度报告): narrative and manual table 二 rows under review."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin

from cluster.models.pages import RICH_TEXT_FEATURES


class AnnualReport(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """One organisation's report for one year; tables 三 and 四 are computed from the records.

    The narrative (sections 一、五、六) and the manual table 二 rows are edited as drafts
    (revisions) and go through the 三审 workflow (disclosure.report_review); the last approval
    publishes the report, which freezes the computed tables into `frozen_numbers` (a published
    report never changes afterwards) and files it in the organisation's catalog with an 索引号
    (disclosure.report_publishing). `live` is the published flag; a new report is a draft.
    """

    organisation = models.ForeignKey(
        "cluster.Organisation",
        verbose_name="机构",
        on_delete=models.CASCADE,
        related_name="annual_reports",
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
    # DraftStateMixin's flag, overridden so that a new report starts as an unpublished draft
    live = models.BooleanField("已发布", default=False, editable=False)
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
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="annual_report")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="annual_report",
        for_concrete_model=False,
    )

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_report_per_year")
        ]

    def __str__(self):
        return f"{self.organisation}{self.year}年政府信息公开工作年度报告"

    # what publishing records about the report as a whole; a revision never carries it back
    KEPT_ACROSS_REVISIONS = (
        "organisation_id",
        "year",
        "frozen_numbers",
        "index_number",
        "filed_page_id",
    )

    def with_content_json(self, content):
        """The report as of a revision's content, keeping what publishing recorded."""
        obj = super().with_content_json(content)
        for name in self.KEPT_ACROSS_REVISIONS:
            setattr(obj, name, getattr(self, name))
        return obj

    @property
    def revisions(self):
        """The report's revisions (RevisionMixin reads them through this name)."""
        return self._revisions

    @property
    def published_at(self):
        """When the report was last published (None while unpublished)."""
        return self.last_published_at if self.live else None


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
