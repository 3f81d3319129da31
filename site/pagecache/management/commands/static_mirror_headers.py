"""nginx `add_header` lines for the static mirror's files: the headers the application sends.

A mirrored page is a file nginx sends itself, so the security policy the application puts on
every public page (Content-Security-Policy, Permissions-Policy, X-Frame-Options …) has to come
from nginx's configuration. Rather than copying the policy by hand (and letting it drift from
settings), this asks the application for a public page and writes what it answered:

    manage.py static_mirror_headers > /etc/nginx/govcms-mirror-headers.conf

deploy/nginx/govcms.conf includes the file in the location that serves the mirror.
"""

from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from wagtail.models import Site

# What a public page's response says about itself and the browser's handling of it; not the
# transport's (Strict-Transport-Security belongs to the TLS server) nor the cache's.
COPIED = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Content-Language",
)
# As the HTTP cache tells browsers (deploy/varnish/default.vcl): revalidate, so a purge reaches
# them; and which layer answered.
FIXED = (("Cache-Control", "no-cache"), ("X-Edge-Cache", "mirror"))


def nginx_lines(headers) -> list[str]:
    lines = []
    for name, value in headers:
        if "$" in value or '"' in value or "\n" in value:
            raise CommandError(f"响应头 {name} 含有 nginx 无法原样写出的字符：{value!r}")
        lines.append(f'add_header {name} "{value}";')
    return lines


class Command(BaseCommand):
    help = "输出静态镜像页面的 nginx add_header 配置（取自应用对公开页面的实际响应头）。"

    def add_arguments(self, parser):
        parser.add_argument("--path", default="/", help="要请求的公开页面路径（默认站点首页）")

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site is None:
            raise CommandError("还没有任何站点：请先创建站点（或运行 load_demo）。")
        response = Client().get(options["path"], HTTP_HOST=site.hostname, secure=True)
        if response.status_code != 200:
            raise CommandError(
                f"{site.hostname}{options['path']} 返回 {response.status_code}，无法取得公开页面的响应头。"
            )
        missing = [name for name in COPIED[:2] if name not in response]
        if missing:
            raise CommandError(f"公开页面的响应缺少 {', '.join(missing)}。")
        copied = [(name, response[name]) for name in COPIED if name in response]
        self.stdout.write(f"# manage.py static_mirror_headers ({site.hostname}{options['path']})")
        self.stdout.write("\n".join(nginx_lines([*copied, *FIXED])))
