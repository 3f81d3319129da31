"""File intake: import_approval_results for JSONL, CSV, XLSX; the exchange-folder job."""

import csv
import json
import os
import time

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from disclosure.approvals.fields import FIELD_TITLES
from disclosure.approvals.models import ApprovalResult
from disclosure.approvals.tasks import pick_up_exchange_files

from .builders import record

pytestmark = pytest.mark.backends


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n")
    return path


def write_csv(path, rows, chinese=True, encoding="utf-8-sig"):
    names = list(rows[0])
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([FIELD_TITLES[n] if chinese else n for n in names])
        for row in rows:
            writer.writerow([row.get(n, "") for n in names])
    return path


def write_xlsx(path, rows):
    names = list(rows[0])
    book = Workbook()
    sheet = book.active
    sheet.append([FIELD_TITLES[n] for n in names])
    for row in rows:
        sheet.append([row.get(n) for n in names])
    book.save(path)
    return path


def run(path, source="xzsp"):
    from io import StringIO

    out = StringIO()
    call_command("import_approval_results", str(path), source=source, no_progress=True, stdout=out)
    return out.getvalue()


def report_rows(path):
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))[2:]


@pytest.mark.django_db
def test_jsonl_import_with_rejected_rows_report(tmp_path, bureau, source):
    rows = [record(bureau, 1), record(bureau, 2, holder_credit_code="91439900MA0000001X")]
    path = write_jsonl(tmp_path / "results.jsonl", rows)
    with path.open("a") as handle:
        handle.write("{broken\n")
    output = run(path)
    assert "新增 1" in output and "拒收 2" in output
    rejected = report_rows(tmp_path / "results.jsonl.report.csv")
    assert rejected[0][0] == "2" and rejected[0][3] == "holder_credit_code"
    assert "校验位错误" in rejected[0][5]
    assert rejected[1][0] == "3" and "不是合法的JSON" in rejected[1][5]
    assert ApprovalResult.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_csv_import_with_chinese_headers(tmp_path, bureau, source, encoding):
    rows = [record(bureau, n) for n in range(1, 4)]
    rows[2]["valid_to"] = "2020-01-01"
    output = run(write_csv(tmp_path / "results.csv", rows, encoding=encoding))
    assert "新增 2" in output and "拒收 1" in output
    rejected = report_rows(tmp_path / "results.csv.report.csv")
    assert rejected[0][0] == "4" and rejected[0][3] == "valid_from"
    # Importing the same file again changes nothing.
    assert "无变化 2" in run(tmp_path / "results.csv")


@pytest.mark.django_db
def test_xlsx_import_with_dates_and_numbers_as_cells(tmp_path, bureau, source):
    import datetime as dt

    rows = [record(bureau, 1), record(bureau, 2)]
    rows[0]["decision_date"] = dt.datetime(2026, 3, 2)
    rows[0]["licence_number"] = 4399002026000001  # a numeric cell
    rows[1]["content"] = "<b>加粗</b>"
    output = run(write_xlsx(tmp_path / "results.xlsx", rows))
    assert "新增 1" in output and "拒收 1" in output
    stored = ApprovalResult.objects.get()
    assert stored.licence_number == "4399002026000001"
    assert str(stored.decision_date) == "2026-03-02"


@pytest.mark.django_db
def test_unknown_source_or_format_is_an_error(tmp_path, source):
    path = tmp_path / "results.txt"
    path.write_text("x")
    with pytest.raises(CommandError, match="不支持的文件格式"):
        run(path)
    with pytest.raises(CommandError, match="没有标识为"):
        run(path, source="nope")


@pytest.fixture
def exchange(tmp_path, settings):
    settings.APPROVALS_EXCHANGE_DIR = tmp_path
    settings.APPROVALS_EXCHANGE_SETTLE_SECONDS = 0
    folder = tmp_path / "xzsp"
    folder.mkdir()
    return folder


@pytest.mark.django_db
def test_exchange_folder_pickup_moves_files_with_reports(exchange, bureau, source):
    write_jsonl(exchange / "good.jsonl", [record(bureau, 1), record(bureau, 2, category="x")])
    write_jsonl(exchange / "bad.jsonl", [record(bureau, 3, category="x")])
    (exchange / "notes.docx").write_bytes(b"PK")
    write_jsonl(exchange / "upload.jsonl.part", [record(bureau, 4)])
    summaries = pick_up_exchange_files.delay().get()
    assert len(summaries) == 3
    done = sorted(p.name for p in (exchange / "done").iterdir())
    failed = sorted(p.name for p in (exchange / "failed").iterdir())
    assert [n for n in done if n.endswith("good.jsonl")] and len(done) == 2
    assert any(n.endswith("bad.jsonl.report.csv") for n in failed)
    assert any(n.endswith("notes.docx.report.csv") for n in failed)
    assert (exchange / "upload.jsonl.part").exists()
    report = next((exchange / "done").glob("*.report.csv")).read_text(encoding="utf-8-sig")
    assert "许可类别" in report and "取值应为" in report
    assert list(ApprovalResult.objects.values_list("decision_document_number", flat=True)) == [
        "云溪建许〔2026〕1号"
    ]
    assert pick_up_exchange_files.delay().get() == []


@pytest.mark.django_db
def test_exchange_waits_for_files_still_being_written(exchange, bureau, source, settings):
    settings.APPROVALS_EXCHANGE_SETTLE_SECONDS = 60
    path = write_jsonl(exchange / "fresh.jsonl", [record(bureau, 1)])
    assert pick_up_exchange_files.delay().get() == []
    os.utime(path, (time.time() - 120, time.time() - 120))
    assert len(pick_up_exchange_files.delay().get()) == 1


@pytest.mark.django_db
def test_a_file_left_by_a_dead_worker_is_processed_again(exchange, bureau, source):
    processing = exchange / "processing"
    processing.mkdir()
    path = write_jsonl(processing / "20261121-080000-stuck.jsonl", [record(bureau, 1)])
    os.utime(path, (time.time() - 7200, time.time() - 7200))
    assert len(pick_up_exchange_files.delay().get()) == 1
    assert ApprovalResult.objects.count() == 1
    assert any(p.name.endswith("stuck.jsonl") for p in (exchange / "done").iterdir())


@pytest.mark.django_db
def test_report_cells_cannot_become_spreadsheet_formulas(tmp_path, bureau, source):
    path = write_jsonl(
        tmp_path / "results.jsonl",
        [record(bureau, 1, decision_document_number="=HYPERLINK(1)", category="x")],
    )
    run(path)
    rejected = report_rows(tmp_path / "results.jsonl.report.csv")
    assert rejected[0][1] == "'=HYPERLINK(1)"
