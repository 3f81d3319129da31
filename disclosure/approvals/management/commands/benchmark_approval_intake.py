"""Measure intake speed: N records through the API (in-process HTTP stack) and through files."""

import json
import os
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from cluster.models import Organisation, OrganisationLevel
from disclosure.approvals.files import intake_file
from disclosure.approvals.models import ApprovalResult, ApprovalSource
from disclosure.approvals.schemas import MAX_BATCH
from disclosure.approvals.simulator import company_credit_code, generate

BENCH_CODE = "benchmark"


def _db_cpu() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend (local server only)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Command(BaseCommand):
    help = "基准测试：经 API 与文件导入各写入 N 条行政许可结果，报告每秒记录数。"

    def add_arguments(self, parser):
        parser.add_argument("--records", type=int, default=10000)
        parser.add_argument("--keep", action="store_true", help="保留写入的记录（默认结束后删除）")

    def handle(self, *args, records: int, keep: bool, **options):
        import random

        source, token = self._source(random.Random(7))
        organisations = list(source.organisations.all())
        self.stdout.write(
            f"数据库：{connection.vendor}；记录数：{records}；每批 {MAX_BATCH} 条；"
            f"机构 {len(organisations)} 个；系统负载 {os.getloadavg()[0]:.1f}（{os.cpu_count()} 核）"
        )
        api_records = generate(organisations, records, invalid_ratio=0, prefix="BA", seed=1)
        file_records = generate(organisations, records, invalid_ratio=0, prefix="BF", seed=2)
        try:
            self._report_api("API 新增", records, token, api_records)
            self._report_api("API 重复报送（无变化）", records, token, api_records)
            for record in api_records:
                record["remarks"] = "基准测试：变更"
            self._report_api("API 变更（更新+历史）", records, token, api_records)
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "bench.jsonl"
                path.write_text(
                    "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in file_records),
                    encoding="utf-8",
                )
                self._report("文件导入 JSONL 新增", records, self._file, source, path)
        finally:
            if not keep:
                ApprovalResult.objects.filter(source=source).delete()

    def _report(self, label, count, function, *args):
        started, cpu_started, db_started = time.perf_counter(), time.process_time(), _db_cpu()
        function(*args)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        line = (
            f"{label}：{count} 条，{seconds:.2f} 秒，{count / seconds:,.0f} 条/秒"
            f"（CPU：本进程 {cpu:.2f} 秒"
        )
        if db_started is not None:
            db = _db_cpu() - db_started
            line += f" + 数据库后端 {db:.2f} 秒 = {count / (cpu + db):,.0f} 条/CPU秒"
        self.stdout.write(line + "）")

    def _report_api(self, label, count, token, records):
        # The approval system encodes its batches: that work is not timed.
        bodies = [
            json.dumps({"source": BENCH_CODE, "records": records[start : start + MAX_BATCH]})
            for start in range(0, len(records), MAX_BATCH)
        ]
        self._report(label, count, self._post_all, token, bodies)

    def _post_all(self, token, bodies):
        client = Client()
        for body in bodies:
            response = client.post(
                "/api/approvals/results/",
                body,
                content_type="application/json",
                headers={"Authorization": f"Bearer {token}"},
                HTTP_HOST="localhost",
            )
            body = response.json()
            if response.status_code != 200 or body["rejected"]:
                raise RuntimeError(f"unexpected answer: {response.status_code} {str(body)[:500]}")

    def _file(self, source, path):
        report = intake_file(source, path)
        if report.counts["rejected"]:
            raise RuntimeError(report.summary())

    def _source(self, rng):
        organisations = list(Organisation.objects.exclude(level=OrganisationLevel.CITY)[:4])
        if not organisations:
            organisations = [
                Organisation.objects.get_or_create(
                    slug="benchmark",
                    defaults={
                        "name": "基准测试许可机关",
                        "short_name": "基准测试",
                        "credit_code": company_credit_code(rng),
                        "level": OrganisationLevel.DEPARTMENT,
                    },
                )[0]
            ]
        source, _created = ApprovalSource.objects.get_or_create(
            code=BENCH_CODE, defaults={"name": "基准测试来源", "token_hash": "-"}
        )
        token = source.issue_token()
        source.save()
        source.organisations.set(organisations)
        return source, token
