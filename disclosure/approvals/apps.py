"""Approval results: inbound API and file intake, public notices, service guides."""

from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    name = "disclosure.approvals"
    label = "approvals"
    verbose_name = "行政许可结果公示"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from disclosure.report_sources import register_table_two_source

        from . import caching, health  # noqa: F401  (HTTP cache purges; a site-health check)
        from .stats import table_two_counts

        register_table_two_source(table_two_counts)
