from django.apps import AppConfig


class CatalogConfig(AppConfig):
    verbose_name = "政府信息公开目录"
    name = "catalog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from disclosure.report_sources import register_table_two_source

        from . import stats, tree  # noqa: F401  (tree connects the provisioning receiver)

        register_table_two_source(stats.table_two_counts)
