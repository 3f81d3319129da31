"""Legacy catalog import: one spreadsheet row → one published item, or a reason in Chinese.

Columns are named by their Chinese headers (see COLUMNS). A row whose 索引号, or whose 文号
and 名称 together, already exist in the organisation is skipped, so re-running a file adds
nothing. Each row is stored in its own transaction: a bad row never affects a good one.
Imported rows are published, so the pre-publication check applies: unmasked personal data
rejects the row, saying where.
"""

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from .checks import personal_data_issues
from .document_numbers import normalise_document_number
from .models import (
    CatalogNodePage,
    CatalogRootPage,
    DisclosureItemPage,
    DocumentClass,
    FivePublics,
    Genre,
    NodeKind,
    TopicCategory,
    Validity,
)

COLUMNS = {
    "索引号": "index_number",
    "名称": "title",
    "文号": "document_number",
    "成文日期": "written_date",
    "发布日期": "publish_date",
    "生效日期": "effective_date",
    "有效期至": "valid_until",
    "主题分类": "topic",
    "体裁分类": "genre",
    "五公开": "five_publics",
    "有效性": "validity",
    "失效废止日期": "validity_changed_on",
    "第二十条事项": "article20_item",
    "文件类别": "document_class",
    "内容概述": "summary",
    "正文": "body",
    "关键词": "keywords",
    "目录节点": "node",
}
REQUIRED = ("名称", "成文日期", "主题分类", "体裁分类", "五公开")
DATE_FIELDS = (
    "written_date",
    "publish_date",
    "effective_date",
    "valid_until",
    "validity_changed_on",
)
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


class RowError(Exception):
    """A row that cannot be imported, with the reason to show."""


@dataclass
class ImportResult:
    imported: int = 0
    skipped: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def read_rows(path: Path):
    """(row number, {header: text}) for every data row of a .xlsx or .csv file."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        rows = sheet.iter_rows(values_only=True)
        headers = [str(h or "").strip() for h in next(rows)]
        for number, values in enumerate(rows, start=2):
            if any(v not in (None, "") for v in values):
                yield number, dict(zip(headers, values, strict=False))
    elif path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                yield number, {(k or "").strip(): v for k, v in row.items()}
    else:
        raise ValueError("只支持 .xlsx 或 .csv 文件。")


def count_rows(path: Path) -> int:
    return sum(1 for _row in read_rows(path))


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _date(value, label):
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(_text(value))
    try:
        if not match:
            raise ValueError
        return dt.date(*map(int, match.groups()))
    except ValueError:
        raise RowError(f"{label}“{value}”不是有效日期（应为 2025-03-01 或 2025年3月1日）") from None


def _choice(enum, value, label):
    text = _text(value)
    if not text:
        return None
    for member in enum:
        if text in (member.value, str(member.label)):
            return member.value
    raise RowError(f"{label}“{text}”不在可选范围内（{'、'.join(str(m.label) for m in enum)}）")


def _topic(value):
    text = _text(value)
    topic = (
        TopicCategory.objects.filter(code=text).first()
        or TopicCategory.objects.filter(name=text.split("／")[-1].split("/")[-1])
        .order_by("-parent_id")
        .first()
    )
    if topic is None:
        raise RowError(f"主题分类“{text}”不存在")
    return topic


class Importer:
    """Imports rows into one organisation's catalog."""

    def __init__(self, organisation):
        self.organisation = organisation
        root = CatalogRootPage.objects.get(organisation=organisation)
        self.nodes = list(CatalogNodePage.objects.descendant_of(root))
        self.result = ImportResult()

    def import_row(self, number: int, row: dict) -> None:
        try:
            with transaction.atomic():
                created = self._import(row)
        except RowError as error:
            self.result.rejected.append((number, str(error)))
        except ValidationError as error:
            reasons = "；".join(
                f"{self._label(name)}：{'，'.join(messages)}"
                for name, messages in error.message_dict.items()
            )
            self.result.rejected.append((number, reasons))
        else:
            if created:
                self.result.imported += 1
            else:
                self.result.skipped += 1

    @staticmethod
    def _label(name):
        if name == "__all__":
            return "整行"
        return str(DisclosureItemPage._meta.get_field(name).verbose_name)

    def _import(self, row: dict) -> bool:
        missing = [header for header in REQUIRED if not _text(row.get(header))]
        if missing:
            raise RowError(f"缺少必填列：{'、'.join(missing)}")
        fields = self._fields(row)
        unmasked = personal_data_issues(fields)
        if unmasked:
            raise RowError("；".join(f"{self._label(i.field)}：{i.message}" for i in unmasked))
        if self._exists(fields):
            return False
        node = self._node(_text(row.get("目录节点")), fields.get("article20_item"))
        item = DisclosureItemPage(live=False, **fields)
        node.add_child(instance=item)
        item.save_revision().publish()
        return True

    def _fields(self, row: dict) -> dict:
        values = {COLUMNS[h]: v for h, v in row.items() if h in COLUMNS}
        fields = {
            "title": _text(values.get("title")),
            "index_number": _text(values.get("index_number")) or None,
            "document_number": normalise_document_number(_text(values.get("document_number"))),
            "summary": _text(values.get("summary")),
            "body": _text(values.get("body")),
            "keywords": _text(values.get("keywords")),
            "topic": _topic(values.get("topic")),
            "genre": _choice(Genre, values.get("genre"), "体裁分类"),
            "five_publics": _choice(FivePublics, values.get("five_publics"), "五公开"),
            "validity": _choice(Validity, values.get("validity"), "有效性") or Validity.VALID,
            "document_class": _choice(DocumentClass, values.get("document_class"), "文件类别")
            or DocumentClass.OTHER,
        }
        for name in DATE_FIELDS:
            header = next(h for h, f in COLUMNS.items() if f == name)
            fields[name] = _date(values.get(name), header)
        article = _text(values.get("article20_item"))
        if article:
            if not article.isdigit() or not 1 <= int(article) <= 15:
                raise RowError(f"第二十条事项“{article}”应为1到15的数字")
            fields["article20_item"] = int(article)
        if fields["body"] and not fields["body"].lstrip().startswith("<"):
            fields["body"] = "".join(f"<p>{p}</p>" for p in fields["body"].splitlines() if p)
        return fields

    def _exists(self, fields) -> bool:
        items = DisclosureItemPage.objects.filter(organisation=self.organisation)
        number = fields["index_number"]
        if number and DisclosureItemPage.objects.filter(index_number=number).exists():
            if items.filter(index_number=number).exists():
                return True
            raise RowError(f"索引号“{number}”已被其他机构使用")
        return (
            bool(fields["document_number"])
            and items.filter(
                document_number=fields["document_number"], title=fields["title"]
            ).exists()
        )

    def _node(self, wanted: str, article20_item):
        if wanted:
            for node in self.nodes:
                if wanted in (node.slug, node.title):
                    return node
            raise RowError(f"目录节点“{wanted}”不存在")
        item = article20_item or 15
        for node in self.nodes:
            if node.node_kind == NodeKind.STATUTORY_ITEM and node.article20_item == item:
                return node
        raise RowError("找不到合适的目录节点，请填写“目录节点”列")
