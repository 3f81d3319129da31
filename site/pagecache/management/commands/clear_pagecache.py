from django.core.management.base import BaseCommand

from cluster.pagecache import store


class Command(BaseCommand):
    help = "Invalidate every cached page (run after deploying new templates or static files)."

    def handle(self, *args, **options):
        store.clear()
        self.stdout.write("页面缓存已全部失效。")
