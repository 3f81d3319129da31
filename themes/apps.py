from django.apps import AppConfig


class ThemesConfig(AppConfig):
    verbose_name = "主题"
    name = "themes"
    default_auto_field = "django.db.models.BigAutoField"
