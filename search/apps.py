from django.apps import AppConfig


class SearchConfig(AppConfig):
    verbose_name = "站群搜索"
    name = "search"
    default_auto_field = "django.db.models.BigAutoField"
