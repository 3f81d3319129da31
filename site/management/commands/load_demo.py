"""Load the demo cluster (idempotent)."""

from django.core.management.base import BaseCommand

from ...demo.loader import load_demo


class Command(BaseCommand):
    help = "创建演示站群：门户、部门与县区站点、栏目、文章和演示账号（可重复执行）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=8000, help="演示站点使用的端口（默认 8000）"
        )

    def handle(self, *args, port, **options):
        accounts = load_demo(port=port, log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("演示站群已就绪。演示账号（用户名 / 密码 / 角色）："))
        for username, password, description in accounts:
            self.stdout.write(f"  {username:<14} {password:<12} {description}")
