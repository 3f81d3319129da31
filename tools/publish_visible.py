"""Publish a new title on a demo article and time until the HTTP cache serves it (goal: 2 s).

Run with the stack's environment (tools/bench-stack.sh does): eval "$(tools/stack.sh env)".
Exit status 1 if the change was not visible through the cache within the limit.
"""

import argparse
import http.client
import sys
import time

import django


def fetch(host: str, port: int, path: str) -> tuple[str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Host": host})
    response = conn.getresponse()
    return response.getheader("X-Edge-Cache", ""), response.read().decode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="fgw.localhost")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--limit", type=float, default=2.0)
    args = parser.parse_args()
    django.setup()
    from wagtail.models import Site

    from cluster.models import ArticlePage

    site = Site.objects.get(hostname=args.host)
    article = ArticlePage.objects.live().descendant_of(site.root_page).order_by("pk").first()
    path = article.url_path.removeprefix(site.root_page.url_path.rstrip("/"))
    fetch(args.host, args.port, path)
    state, _body = fetch(args.host, args.port, path)
    title = f"{article.title.split('（')[0]}（{time.strftime('%H:%M:%S')} 更新）"
    article.title = title
    started = time.monotonic()
    article.save_revision().publish()
    while time.monotonic() - started < args.limit + 5:
        if title in fetch(args.host, args.port, path)[1]:
            elapsed = time.monotonic() - started
            verdict = "OK" if elapsed <= args.limit else "TOO SLOW"
            print(f"{verdict}: {path} was '{state}' before; new title served in {elapsed:.2f} s")
            return 0 if elapsed <= args.limit else 1
        time.sleep(0.05)
    print(f"FAILED: {path} did not show the new title within {args.limit + 5:.0f} s")
    return 1


if __name__ == "__main__":
    sys.exit(main())
