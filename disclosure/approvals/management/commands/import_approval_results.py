"""Import an export of the approval system: JSON Lines, CSV or XLSX."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from disclosure.approvals.files import UnreadableFile, intake_file, read_rows
from disclosure.approvals.models import ApprovalSource


class Command(BaseCommand):
    help = "导入行政许可结果文件（.jsonl / .csv / .xlsx），输出拒收行报告。"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", required=True, help="报送来源标识（ApprovalSource.code）")
        parser.add_argument("--report", type=Path, help="拒收行报告路径，默认为 <文件>.report.csv")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, file: Path, source: str, report: Path | None, **options):
        try:
            source_obj = ApprovalSource.objects.get(code=source)
        except ApprovalSource.DoesNotExist:
            raise CommandError(f"没有标识为“{source}”的报送来源。") from None
        if not file.is_file():
            raise CommandError(f"文件不存在：{file}")
        try:
            total = sum(1 for _ in read_rows(file))
            with tqdm(
                total=total, unit="行", disable=options["no_progress"], file=sys.stderr
            ) as bar:
                result = intake_file(source_obj, file, progress=bar.update)
        except UnreadableFile as error:
            raise CommandError(str(error)) from None
        target = result.write(report or file.with_name(file.name + ".report.csv"))
        self.stdout.write(result.summary())
        if result.rejected:
            self.stdout.write(f"拒收行报告：{target}")
