from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The shared data generator and the benchmarks that run on its data (issue #7)."""

    name = "bench"
    verbose_name = "基准数据"
