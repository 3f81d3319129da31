"""Play the city's approval system: post a few hundred realistic records (some invalid)."""

import json
import urllib.error
import urllib.request
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from disclosure.approvals.demo import DEMO_SOURCE_CODE, DEMO_TOKEN
from disclosure.approvals.models import ApprovalSource
from disclosure.approvals.simulator import generate

ENDPOINT = "/api/approvals/results/"


class Command(BaseCommand):
    help = "模拟审批系统：向 /api/approvals/results/ 报送数百条行政许可结果（含部分错误数据）。"

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="站点地址")
        parser.add_argument("--in-process", action="store_true", help="不经网络，用测试客户端调用")
        parser.add_argument("--count", type=int, default=300)
        parser.add_argument("--batch", type=int, default=100)
        parser.add_argument("--seed", type=int, default=2026, help="相同种子重放相同记录（幂等）")
        parser.add_argument("--source", default=DEMO_SOURCE_CODE)
        parser.add_argument("--token", default=DEMO_TOKEN)

    def handle(self, *args, **options):
        try:
            source = ApprovalSource.objects.get(code=options["source"])
        except ApprovalSource.DoesNotExist:
            raise CommandError("没有该报送来源；请先运行 manage.py load_demo。") from None
        organisations = list(source.organisations.order_by("id"))
        if not organisations:
            raise CommandError("该报送来源未绑定任何机构。")
        records = generate(organisations, options["count"], seed=options["seed"])
        send = self._in_process if options["in_process"] else self._over_http
        totals, reasons = Counter(), Counter()
        for start in range(0, len(records), options["batch"]):
            body = {"source": source.code, "records": records[start : start + options["batch"]]}
            status, answer = send(options, body)
            if status != 200:
                raise CommandError(f"报送失败（HTTP {status}）：{answer}")
            for result in answer["results"]:
                totals[result["outcome"]] += 1
                for error in result["errors"]:
                    reasons[f"{error['field_title'] or '记录'}：{error['reason']}"] += 1
        self.stdout.write(
            f"报送 {len(records)} 条：新增 {totals['accepted']}，更新 {totals['updated']}，"
            f"无变化 {totals['unchanged']}，拒收 {totals['rejected']}"
        )
        for reason, count in reasons.most_common():
            self.stdout.write(f"  拒收 {count} 条 — {reason}")

    def _over_http(self, options, body):
        request = urllib.request.Request(
            options["url"].rstrip("/") + ENDPOINT,
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {options['token']}",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except urllib.error.URLError as error:
            raise CommandError(
                f"无法连接 {options['url']}（{error.reason}）；请先启动站点，或使用 --in-process。"
            ) from None

    def _in_process(self, options, body):
        from django.test import Client

        response = Client().post(
            ENDPOINT,
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {options['token']}"},
            HTTP_HOST="localhost",
        )
        return response.status_code, response.json()
