"""manage.py import_catalog FILE.xlsx|csv --org CODE: import legacy disclosure items."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cluster.models import Organisation

from ...importing import Importer, count_rows, read_rows


class Command(BaseCommand):
    help = "导入旧系统的政府信息公开目录（.xlsx 或 .csv；重复导入不会产生重复信息）"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--org", required=True, help="机构英文标识或统一社会信用代码")

    def handle(self, *args, file: Path, org: str, **options):
        organisation = (
            Organisation.objects.filter(slug=org).first()
            or Organisation.objects.filter(credit_code=org).first()
        )
        if organisation is None:
            raise CommandError(f"机构“{org}”不存在")
        if not file.exists():
            raise CommandError(f"文件“{file}”不存在")
        try:
            total = count_rows(file)
        except ValueError as error:
            raise CommandError(str(error)) from error
        importer = Importer(organisation)
        for number, row in tqdm(read_rows(file), total=total, desc="导入", unit="行"):
            importer.import_row(number, row)
        result = importer.result
        for number, reason in result.rejected:
            self.stderr.write(f"第{number}行未导入：{reason}")
        self.stdout.write(
            f"导入 {result.imported} 条，已存在跳过 {result.skipped} 条，拒绝 {len(result.rejected)} 条。"
        )
