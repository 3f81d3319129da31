from django.apps import AppConfig


class CatalogConfig(AppConfig):
    verbose_name = "政府信息公开目录"
    name = "catalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from disclosure.report_sources import register_table_two_source

        # tree and annual_reports connect receivers; health registers a site-health check.
        from . import annual_reports, health, stats, tree  # noqa: F401

        register_table_two_source(stats.table_two_counts)
