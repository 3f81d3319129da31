from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Caches anonymous page responses; purges them by the pages and objects they show."""

    name = "cluster.pagecache"
    label = "pagecache"
    verbose_name = "页面缓存"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import dependencies, signals

        # Each feature app's pagecache.py registers its tracked models and list rules.
        autodiscover_modules("pagecache")

        dependencies.connect_tracking()
        signals.connect()
