"""Approval results: inbound API and file intake, public notices, service guides."""

from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "disclosure.approvals"
    label = "approvals"
    verbose_name = "行政许可结果公示"
    default_auto_field = "django.db.models.BigAutoField"
    # Table 二 of the annual report counts 行政许可 decisions here (disclosure.report_sources).
    annual_report_sources = ("disclosure.approvals.stats.table_two_counts",)

    def ready(self):
        from . import caching, health  # noqa: F401  (HTTP cache purges; a site-health check)
