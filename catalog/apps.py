from django.apps import AppConfig


class CatalogConfig(AppConfig):
    verbose_name = "政府信息公开目录"
    name = "catalog"
    default_auto_field = "django.db.models.BigAutoField"
    # Table 二 of the annual report counts 规章 and 行政规范性文件 here (disclosure.report_sources).
    annual_report_sources = ("catalog.stats.table_two_counts",)
    # A published annual report is filed in the 年报 node (disclosure.report_publishing).
    annual_report_filers = ("catalog.annual_reports.file_annual_report",)

    def ready(self):
        # tree connects the provisioning receiver; health registers a site-health check.
        from . import health, tree  # noqa: F401
