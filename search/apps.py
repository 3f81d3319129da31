import logging

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class SearchConfig(AppConfig):
    verbose_name = "站群搜索"
    name = "search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The Elasticsearch client logs every request at INFO; keep warnings only.
        logging.getLogger("elastic_transport.transport").setLevel(logging.WARNING)
        # Each app's documents.py registers its search sources (see docs/search.md).
        autodiscover_modules("documents")
        from . import (
            articles,  # noqa: F401  (registers the core's articles)
            engine,
            signals,
            tasks,
        )

        signals.connect()
        # A node back after an outage gets the writes it missed, then the searches most asked
        # (a restarted node answers its first searches slowly, search.warmup).
        engine.on_recovery(tasks.flush_backlog_soon)
        engine.on_recovery(tasks.warm_up_soon)
