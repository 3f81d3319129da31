from django.apps import AppConfig


class ClusterConfig(AppConfig):
    """Cluster core; lives in the folder site/ (see docs/architecture.md)."""

    name = "cluster"
    label = "cluster"
    verbose_name = "站群核心"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.models import PageLogEntry

        from . import site_table, view_restrictions
        from .publishing import record_outside_workflow

        view_restrictions.install()
        site_table.install()

        post_save.connect(
            record_outside_workflow, sender=PageLogEntry, dispatch_uid="cluster_outside_workflow"
        )
