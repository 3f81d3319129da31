"""Site health (统一运维监控): inspection windows and the findings of each run, kept as history."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="warning")
class InspectionSettings(BaseGenericSetting):
    """Update windows of the inspection rules (国办秘函〔2019〕19号); editable by platform admins."""

    homepage_window_days = models.PositiveSmallIntegerField(_("首页更新期限（天）"), default=14)
    news_window_days = models.PositiveSmallIntegerField(
        _("动态要闻类栏目更新期限（天）"), default=14
    )
    notice_window_days = models.PositiveSmallIntegerField(
        _("通知公告类栏目更新期限（天）"), default=183
    )
    policy_window_days = models.PositiveSmallIntegerField(
        _("政策文件类栏目更新期限（天）"), default=183
    )
    other_window_days = models.PositiveSmallIntegerField(_("其他栏目更新期限（天）"), default=365)
    stale_columns_veto = models.PositiveSmallIntegerField(_("未及时更新栏目单项否决数"), default=5)
    empty_columns_veto = models.PositiveSmallIntegerField(_("空白栏目单项否决数"), default=5)
    link_timeout_seconds = models.PositiveSmallIntegerField(_("外部链接检查超时（秒）"), default=5)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("homepage_window_days"),
                FieldPanel("news_window_days"),
                FieldPanel("notice_window_days"),
                FieldPanel("policy_window_days"),
                FieldPanel("other_window_days"),
            ],
            heading=_("更新期限"),
        ),
        MultiFieldPanel(
            [FieldPanel("stale_columns_veto"), FieldPanel("empty_columns_veto")],
            heading=_("单项否决"),
        ),
        FieldPanel("link_timeout_seconds"),
    ]

    class Meta:
        verbose_name = _("网站检查规则")

    def window_for(self, column_type: str) -> int:
        return getattr(self, f"{column_type}_window_days")


class HealthRun(models.Model):
    """One inspection of one site; runs are kept so trends show."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="health_runs"
    )
    checked_at = models.DateTimeField(_("检查时间"), auto_now_add=True)
    vetoed = models.BooleanField(_("触发单项否决"), default=False)
    finding_count = models.PositiveIntegerField(_("问题数"), default=0)
    digest_sent_at = models.DateTimeField(_("摘要邮件发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("网站检查")
        verbose_name_plural = _("网站检查")
        ordering = ["-checked_at"]
        indexes = [models.Index(fields=["site", "-checked_at"])]

    def __str__(self):
        return f"{self.site} {self.checked_at:%Y-%m-%d %H:%M}"


class HealthFinding(models.Model):
    """One problem an inspector would find, with the page to fix."""

    class Severity(models.TextChoices):
        VETO = "veto", _("单项否决")
        DEDUCT = "deduct", _("扣分项")

    run = models.ForeignKey(HealthRun, on_delete=models.CASCADE, related_name="findings")
    rule = models.CharField(_("检查项"), max_length=40)
    severity = models.CharField(_("性质"), max_length=10, choices=Severity.choices)
    message = models.CharField(_("问题描述"), max_length=500)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fix_url = models.CharField(_("整改链接"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("检查发现")
        verbose_name_plural = _("检查发现")
        ordering = ["severity", "rule", "id"]

    def __str__(self):
        return self.message
