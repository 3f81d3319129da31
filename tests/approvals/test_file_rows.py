"""File intake details: duplicate keys across the whole file, title rows above the header,
spreadsheet row numbers (multi-line CSV cells), text dates and full-width or spaced values."""

import csv
import datetime as dt
import json

import pytest
from openpyxl import Workbook

from disclosure.approvals.fields import FIELD_TITLES
from disclosure.approvals.models import ApprovalResult

from .builders import company_code, record
from .test_files import report_rows, run

pytestmark = pytest.mark.backends


@pytest.mark.django_db
def test_rows_numbered_as_a_spreadsheet_shows_them(tmp_path, bureau, source):
    rows = [record(bureau, n) for n in range(1, 5)]
    rows[0]["content"] = "准予施工\n（分两期）\n第一期：主体"  # a multi-line cell
    rows[1]["decision_date"] = "2026年3月2日"
    rows[1]["valid_from"] = "2026/3/2"
    rows[1]["status"] = "\u3000有效\u200b"
    rows[1]["category"] = "普通\u00a0"
    rows[1]["authority_credit_code"] = bureau.credit_code.translate(
        str.maketrans(
            "0123456789ABCDEFGHJKLMNPQRTUWXY",
            "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹ",
        )
    )
    rows[2]["valid_to"] = "2020-01-01"  # before valid_from: rejected
    names = list(rows[0])
    path = tmp_path / "results.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["云溪市行政审批服务局2026年行政许可决定公示表"])
        writer.writerow(["导出时间：2026-03-05"])
        writer.writerow([FIELD_TITLES[n] for n in names])
        for row in rows:
            writer.writerow([row.get(n, "") for n in names])
    output = run(path)
    assert "新增 3" in output and "拒收 1" in output
    rejected = report_rows(tmp_path / "results.csv.report.csv")
    # title rows 1-2, header row 3, data rows 4-7: the third data row is row 6
    assert [(r[0], r[3]) for r in rejected] == [("6", "valid_from")]
    second = ApprovalResult.objects.get(decision_document_number="云溪建许〔2026〕2号")
    assert (str(second.decision_date), second.status, second.category) == (
        "2026-03-02",
        "有效",
        "普通",
    )


@pytest.mark.django_db
def test_xlsx_title_row_text_dates_and_excel_serial_dates(tmp_path, bureau, source):
    rows = [record(bureau, 1), record(bureau, 2)]
    rows[0]["decision_date"] = "2026.3.2"
    rows[0]["valid_from"] = (dt.date(2026, 3, 2) - dt.date(1899, 12, 30)).days  # numeric cell
    code = company_code(2)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    rows[1]["holder_credit_code"] = "９" + wrong[1:]  # full-width, wrong check character
    names = list(rows[0])
    book = Workbook()
    sheet = book.active
    sheet.append(["行政许可决定公示"])
    sheet.append([FIELD_TITLES[n] for n in names])
    for row in rows:
        sheet.append([row.get(n) for n in names])
    book.save(tmp_path / "results.xlsx")
    output = run(tmp_path / "results.xlsx")
    assert "新增 1" in output and "拒收 1" in output
    rejected = report_rows(tmp_path / "results.xlsx.report.csv")
    assert [(r[0], r[3]) for r in rejected] == [("4", "holder_credit_code")]
    assert "校验位错误" in rejected[0][5]
    stored = ApprovalResult.objects.get()
    assert (str(stored.decision_date), str(stored.valid_from)) == ("2026-03-02", "2026-03-02")


@pytest.mark.django_db
def test_a_file_without_any_header_is_explained(tmp_path, source):
    path = tmp_path / "results.csv"
    path.write_text("标题\n1,2,3\n", encoding="utf-8")
    with pytest.raises(Exception, match="没有找到表头"):
        run(path)


@pytest.mark.django_db
def test_duplicate_keys_far_apart_are_refused_on_every_row(tmp_path, bureau, source):
    rows = [record(bureau, n) for n in range(1, 1203)]
    rows[-1] = record(bureau, 1, content="另一版本")  # same key as line 1, 1,201 lines later
    path = tmp_path / "results.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    output = run(path)
    assert "新增 1200" in output and "拒收 2" in output
    rejected = report_rows(tmp_path / "results.jsonl.report.csv")
    assert [r[0] for r in rejected] == ["1", "1202"]
    assert all("第1、1202行" in r[5] for r in rejected)
    assert not ApprovalResult.objects.filter(
        decision_document_number="云溪建许〔2026〕1号"
    ).exists()
