from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """Caches anonymous page responses; purges them by the pages and objects they show."""

    name = "cluster.pagecache"
    label = "pagecache"
    verbose_name = "页面缓存"

    def ready(self):
        from . import dependencies, signals

        dependencies.connect_tracking()
        signals.connect()
