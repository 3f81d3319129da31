from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    verbose_name = "依申请公开"
    name = "disclosure"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import report_sources, signals

        report_sources.discover()
        signals.connect_annual_report_receivers()
