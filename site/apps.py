from django.apps import AppConfig


class ClusterConfig(AppConfig):
    """Cluster core; lives in the folder site/ (see docs/architecture.md)."""

    name = "cluster"
    label = "cluster"
    verbose_name = "站群核心"
    default_auto_field = "django.db.models.BigAutoField"
