from django.apps import AppConfig


class CatalogConfig(AppConfig):
    verbose_name = "政府信息公开目录"
    name = "catalog"
    default_auto_field = "django.db.models.BigAutoField"
