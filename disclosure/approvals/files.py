"""File intake: JSON Lines, CSV and XLSX exports of the approval system, with a report.

Files use the JSON field names or the Chinese names of fields.py as keys / column headers.
Rows go through the same validation and bulk upsert as the API (ingest.py), in chunks.
"""

import csv
import datetime as dt
import io
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .fields import FIELD_TITLES, TITLE_TO_NAME
from .ingest import ingest
from .schemas import MAX_BATCH, clean_text

FORMATS = (".jsonl", ".csv", ".xlsx")
TRUE_WORDS = {"是", "true", "1", "yes", "y"}
FALSE_WORDS = {"否", "false", "0", "no", "n"}
# A header may sit below a few title rows ("2026年行政许可决定公示表"); it is the first row with
# at least this many known column names.
MAX_TITLE_ROWS = 10
HEADER_MIN_KNOWN = 2
KNOWN_COLUMNS = frozenset(TITLE_TO_NAME) | frozenset(FIELD_TITLES)


class UnreadableFile(Exception):
    """The file as a whole cannot be read (unknown format, broken workbook, bad encoding)."""


class RowError:
    """A row that could not even be parsed into a record."""

    def __init__(self, reason: str):
        self.reason = reason


@dataclass
class IntakeReport:
    path: Path
    counts: dict = field(
        default_factory=lambda: dict.fromkeys(("accepted", "updated", "unchanged", "rejected"), 0)
    )
    rejected: list[dict] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def stored(self) -> int:
        return self.total - self.counts["rejected"]

    def summary(self) -> str:
        c = self.counts
        return (
            f"{self.path.name}：共 {self.total} 行，新增 {c['accepted']}，更新 {c['updated']}，"
            f"无变化 {c['unchanged']}，拒收 {c['rejected']}"
        )

    def write(self, target: Path) -> Path:
        """The rejected-rows report as CSV (UTF-8 with BOM so spreadsheet programs open it)."""
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["# " + self.summary()])
            writer.writerow(
                ["行号", "行政许可决定文书号", "许可编号", "字段", "字段中文名", "原因"]
            )
            for row in sorted(self.rejected, key=lambda row: row["row"]):
                writer.writerow(
                    [row["row"]]
                    + [
                        _cell(value)
                        for value in (
                            row["decision_document_number"],
                            row["licence_number"],
                            row["field"],
                            row["field_title"],
                            row["reason"],
                        )
                    ]
                )
        return target


def _cell(value) -> str:
    """Reported values come from the source: never let a spreadsheet run them as formulas."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def intake_file(source, path: Path, progress: Callable[[int], None] | None = None) -> IntakeReport:
    """Read `path`, store its valid rows for `source`; raises UnreadableFile for a bad file.

    A key (文书号, 许可编号) found on several rows anywhere in the file is refused on all of
    them: the file cannot say which row is right (a first pass collects the keys)."""
    report = IntakeReport(Path(path))
    duplicates = _duplicate_keys(Path(path))
    chunk: list[tuple[int, object]] = []
    for row_number, row in read_rows(Path(path)):
        rows = duplicates.get(_key(row))
        if rows is not None:
            listed = "、".join(str(number) for number in rows)
            row = RowError(
                f"第{listed}行的行政许可决定文书号与许可编号相同，无法判断以哪行为准，均未保存"
            )
        chunk.append((row_number, row))
        if len(chunk) == MAX_BATCH:
            _intake_chunk(source, chunk, report, progress)
            chunk = []
    if chunk:
        _intake_chunk(source, chunk, report, progress)
    return report


def _key(row) -> tuple | None:
    """The record key of a parsed row, normalised as the intake will store it."""
    if not isinstance(row, dict):
        return None
    values = {TITLE_TO_NAME.get(str(key).strip(), str(key).strip()): v for key, v in row.items()}
    number, licence = values.get("decision_document_number"), values.get("licence_number", "")
    if not isinstance(number, str) or not isinstance(licence, str):
        return None
    return clean_text(number, nfkc=True), clean_text(licence, nfkc=True)


def _duplicate_keys(path: Path) -> dict[tuple, list[int]]:
    rows_of: dict[tuple, list[int]] = {}
    for row_number, row in read_rows(path):
        key = _key(row)
        if key is not None and key[0]:
            rows_of.setdefault(key, []).append(row_number)
    return {key: rows for key, rows in rows_of.items() if len(rows) > 1}


def _intake_chunk(source, chunk, report: IntakeReport, progress) -> None:
    parsed = [(number, row) for number, row in chunk if not isinstance(row, RowError)]
    for number, row in chunk:
        if isinstance(row, RowError):
            report.counts["rejected"] += 1
            report.rejected.append(
                {"row": number, "decision_document_number": None, "licence_number": None}
                | {"field": "", "field_title": "", "reason": row.reason}
            )
    for (number, _row), outcome in zip(
        parsed, ingest(source, [row for _n, row in parsed]), strict=True
    ):
        report.counts[outcome.outcome] += 1
        for error in outcome.errors:
            report.rejected.append(
                {
                    "row": number,
                    "decision_document_number": outcome.decision_document_number,
                    "licence_number": outcome.licence_number,
                }
                | error
            )
    if progress is not None:
        progress(len(chunk))


def read_rows(path: Path) -> Iterator[tuple[int, dict | RowError]]:
    """(row number, record dict or RowError) for every data row of a supported file."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_rows(path)
    elif suffix == ".csv":
        yield from _csv_rows(path)
    elif suffix == ".xlsx":
        yield from _xlsx_rows(path)
    else:
        raise UnreadableFile(f"不支持的文件格式“{suffix}”，仅支持 {'、'.join(FORMATS)}")


def _jsonl_rows(path: Path):
    with path.open(encoding="utf-8-sig") as handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield number, json.loads(line)
                except ValueError:
                    yield number, RowError(f"第{number}行不是合法的JSON")
        except UnicodeDecodeError:
            raise UnreadableFile("文件不是UTF-8编码") from None


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile("无法识别文件编码（应为UTF-8或GB18030）")


def _header_index(rows: list[list]) -> int:
    """Index of the header among the first rows: the first with known column names."""
    for index, cells in enumerate(rows):
        names = {str(cell).strip() for cell in cells if cell is not None}
        if len(names & KNOWN_COLUMNS) >= HEADER_MIN_KNOWN:
            return index
    raise UnreadableFile(
        f"前{MAX_TITLE_ROWS}行中没有找到表头：表头应使用字段的中文名称（如“行政相对人名称”）"
        "或JSON名称（如 holder_name），见接口文档"
    )


def _table_rows(rows: Iterator[list]):
    """(spreadsheet row number, record) after the header; numbers count from 1 and include
    title rows and the header, as a spreadsheet program shows them."""
    head = []
    for cells in rows:
        head.append(cells)
        if len(head) == MAX_TITLE_ROWS:
            break
    header_at = _header_index(head)
    header = [str(cell).strip() if cell is not None else "" for cell in head[header_at]]
    numbered = enumerate(head[header_at + 1 :], start=header_at + 2)
    for number, cells in itertools.chain(numbered, enumerate(rows, start=len(head) + 1)):
        if all(cell is None or cell == "" for cell in cells):
            continue
        if len(cells) > len(header) and any(c not in (None, "") for c in cells[len(header) :]):
            yield number, RowError("该行的列数多于表头")
            continue
        yield number, _clean(dict(zip(header, cells, strict=False)))


def _csv_rows(path: Path):
    # One CSV record is one spreadsheet row, even when a quoted cell spans several lines.
    yield from _table_rows(csv.reader(io.StringIO(_decode(path.read_bytes()), newline="")))


def _xlsx_rows(path: Path):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise UnreadableFile(f"无法读取XLSX文件：{error}") from None
    try:
        yield from _table_rows(
            list(values) for values in workbook.worksheets[0].iter_rows(values_only=True)
        )
    finally:
        workbook.close()


def _clean(row: dict) -> dict:
    """Column names to JSON names; spreadsheet cell values to the API's value types."""
    record = {}
    for key, value in row.items():
        if not key:
            continue
        name = TITLE_TO_NAME.get(key.strip(), key.strip())
        if isinstance(value, dt.datetime):
            value = value.date().isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, float) and value.is_integer():
            value = str(int(value))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if value is None or value == "":
            continue
        if name == "minor" and isinstance(value, str):
            word = value.strip().lower()
            value = True if word in TRUE_WORDS else False if word in FALSE_WORDS else value
        record[name] = value
    return record
