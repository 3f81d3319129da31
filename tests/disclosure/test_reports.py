"""Annual report: tables 二, 三 (with carried-over requests and the check), 四, page and XLSX."""

import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook
from pypdf import PdfReader

from disclosure import report_pdf, report_sources, reports
from disclosure.models import AnnualReport, DisclosureRequest, Remedy
from disclosure.workflow import perform
from tests.helpers import make_organisation, make_user

from .helpers import make_request

pytestmark = pytest.mark.backends

D = dt.date


def conclude(request, head, kind, outcome, on):
    # an officer drafts, the head approves: nobody approves his own draft
    drafter = _drafter(request.organisation)
    perform(request, "submit_reply", drafter, on=on, kind=kind, outcome=outcome, details="答复内容")
    perform(request, "approve_reply", head, on=on)


def _drafter(organisation):
    from django.contrib.auth import get_user_model

    from cluster.provisioning import role_group

    user, _created = get_user_model().objects.get_or_create(username=f"{organisation.slug}_drafter")
    user.groups.add(role_group(organisation, "officer"))
    return user


@pytest.fixture
def setup(db):
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname="fgw.localhost", parent=portal)
    czj = make_organisation("czj", hostname="czj.localhost", parent=portal)
    head = make_user("fgw_head", fgw, "head")
    legal = {"applicant_kind": "legal", "legal_kind": "business", "applicant_name": "某公司"}
    # carried over from 2025: one concluded in January 2026, one still open at the end of 2026
    old = make_request(fgw, D(2025, 12, 22))
    conclude(old, head, "disclosed", "disclosed", D(2026, 1, 9))
    make_request(fgw, D(2025, 12, 29))
    # concluded in 2025: not in the 2026 report at all
    done = make_request(fgw, D(2025, 11, 3))
    conclude(done, head, "disclosed", "disclosed", D(2025, 11, 20))
    # received in 2026
    conclude(make_request(fgw, D(2026, 3, 2)), head, "disclosed", "disclosed", D(2026, 3, 20))
    conclude(make_request(fgw, D(2026, 4, 1), **legal), head, "partial", "partial", D(2026, 4, 20))
    conclude(
        make_request(fgw, D(2026, 5, 6), **(legal | {"legal_kind": "research"})),
        head, "withheld", "withheld_secret", D(2026, 5, 25),
    )  # fmt: skip
    unclear = make_request(fgw, D(2026, 9, 29), **(legal | {"legal_kind": "legal_service"}))
    perform(unclear, "request_correction", head, on=D(2026, 9, 30), reply_by=D(2026, 10, 16))
    perform(unclear, "correction_expired", None, on=D(2026, 10, 19))
    make_request(fgw, D(2026, 12, 21), **(legal | {"legal_kind": "public_welfare"}))
    late = make_request(fgw, D(2026, 12, 28), **(legal | {"legal_kind": "other"}))
    conclude(late, head, "repeat", "not_handled_repeat", D(2027, 1, 5))
    # table 四
    Remedy.objects.create(request=old, kind="reconsideration", filed_on=D(2026, 3, 1),
                          result="maintained", decided_on=D(2026, 5, 1))  # fmt: skip
    Remedy.objects.create(request=old, kind="litigation_direct", filed_on=D(2026, 11, 1))
    # another organisation's request, only in the city-wide report
    make_request(czj, D(2026, 6, 1))
    return {"fgw": fgw, "czj": czj, "head": head}


def test_table_three_counts_new_carried_outcomes_and_carry_forward(setup):
    report = reports.build(setup["fgw"], 2026)
    table = report.table_three
    assert table["new"]["total"] == 6
    assert table["new"]["natural"] == 1
    assert table["carried"] == {
        "natural": 2, "business": 0, "research": 0, "public_welfare": 0,
        "legal_service": 0, "other": 0, "total": 2,
    }  # fmt: skip
    assert table["disclosed"]["natural"] == 2
    assert table["partial"]["business"] == 1
    assert table["withheld_secret"]["research"] == 1
    assert table["other_no_correction"]["legal_service"] == 1
    assert table["handled"]["total"] == 5
    assert table["pending"]["total"] == 3  # 2025-12-29, 2026-12-21, 2026-12-28
    assert report.totals == {"new": 6, "carried": 2, "handled": 5, "pending": 3}


def test_the_check_one_plus_two_equals_seven_plus_four_is_enforced(setup):
    # a record concluded before it was received breaks the identity
    broken = DisclosureRequest.objects.filter(organisation=setup["fgw"], concluded_on=None).first()
    DisclosureRequest.objects.filter(pk=broken.pk).update(
        received_on=D(2027, 2, 1), concluded_on=D(2026, 6, 1), outcome="disclosed"
    )
    with pytest.raises(reports.ReportCheckFailed, match="一\\+二≠三\\(七\\)\\+四"):
        reports.build(setup["fgw"], 2026)


def test_table_four_from_reconsideration_and_litigation_records(setup):
    table = reports.build(setup["fgw"], 2026).table_four
    assert table["reconsideration"]["maintained"] == 1
    assert table["reconsideration"]["total"] == 1
    assert table["litigation_direct"]["pending"] == 1
    assert table["litigation_after"]["total"] == 0


def test_table_two_sums_registered_sources_and_manual_rows(setup):
    def catalog_source(organisation, year):
        return {"normative_issued": 4, "normative_valid": 31} if year == 2026 else {}

    report_sources.register_table_two_source(catalog_source)
    try:
        AnnualReport.objects.create(organisation=setup["fgw"], year=2026, penalty_decisions=12)
        table = reports.build(setup["fgw"], 2026).table_two
    finally:
        report_sources._sources.remove(catalog_source)
    assert table["normative_issued"] == 4
    assert table["normative_valid"] == 31
    assert table["penalty_decisions"] == 12
    assert table["licensing_decisions"] == 0


def test_city_wide_report_aggregates_every_organisation(setup):
    report = reports.build(None, 2026)
    assert report.totals["new"] == 7
    assert "全市汇总" in report.title


def test_report_page_is_public_once_published(client, setup):
    url = "/ysqgk/annual-report/2026/"
    assert client.get(url, HTTP_HOST="fgw.localhost").status_code == 404
    AnnualReport.objects.create(
        organisation=setup["fgw"], year=2026, overview="<p>本年度依法办理申请。</p>", live=True
    )
    page = client.get(url, HTTP_HOST="fgw.localhost").content.decode()
    assert "测试机构fgw2026年政府信息公开工作年度报告" in page
    assert "<p>本年度依法办理申请。</p>" in page


def test_city_wide_page_on_the_portal(client, setup):
    response = client.get("/ysqgk/annual-report/2026/?scope=city", HTTP_HOST="www.localhost")
    assert response.status_code == 200
    assert "全市汇总" in response.content.decode()


# -- the layout of the 2021 format, on the page and in the XLSX ---------------------------------


def published_page(client, setup, url="/ysqgk/annual-report/2026/", host="fgw.localhost"):
    AnnualReport.objects.create(organisation=setup["fgw"], year=2026, live=True)
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def table_after(soup, heading):
    return soup.find("h2", string=heading).find_next("table")


def cells(row):
    return [
        (c.name, c.get_text(strip=True), int(c.get("colspan", 1)), int(c.get("rowspan", 1)))
        for c in row.find_all(["th", "td"])
    ]


def test_table_two_is_four_blocks_of_article_twenty(client, setup):
    table = table_after(published_page(client, setup), "二、主动公开政府信息情况")
    rows = [cells(tr) for tr in table.find_all("tr")]
    headings = [row[0][1] for row in rows if row[0][2] == 4]
    assert headings == [
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"
    ]  # fmt: skip
    assert [text for _tag, text, _c, _r in rows[1]] == [
        "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"
    ]  # fmt: skip
    assert [row[0][1] for row in rows].count("信息内容") == 4
    assert rows[2] == [
        ("th", "规章", 1, 1),
        ("td", "0", 1, 1),
        ("td", "0", 1, 1),
        ("td", "0", 1, 1),
    ]
    assert rows[5] == [("th", "信息内容", 1, 1), ("th", "本年处理决定数量", 3, 1)]
    assert rows[6] == [("th", "行政许可", 1, 1), ("td", "0", 3, 1)]
    assert [row[0][1] for row in rows[9:11]] == ["行政处罚", "行政强制"]
    assert rows[-2] == [("th", "信息内容", 1, 1), ("th", "本年收费金额（单位：万元）", 3, 1)]
    assert rows[-1] == [("th", "行政事业性收费", 1, 1), ("td", "0", 3, 1)]


def test_table_three_header_spans_and_full_row_labels(client, setup):
    table = table_after(published_page(client, setup), "三、收到和处理政府信息公开申请情况")
    head = [cells(tr) for tr in table.thead.find_all("tr")]
    assert head[0] == [
        ("th", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
        ("th", "申请人情况", 7, 1),
    ]
    assert head[1] == [("th", "自然人", 1, 2), ("th", "法人或其他组织", 5, 1), ("th", "总计", 1, 2)]
    assert [text for _t, text, _c, _r in head[2]] == [
        "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"
    ]  # fmt: skip
    body = [cells(tr) for tr in table.tbody.find_all("tr")]
    assert len(body) == 2 + 22 + 1
    assert body[0] == [("th", "一、本年新收政府信息公开申请数量", 3, 1)] + [
        ("td", str(n), 1, 1) for n in (1, 1, 1, 1, 1, 1, 6)
    ]
    assert body[2][0] == ("th", "三、本年度办理结果", 1, 22)
    assert body[2][1] == ("th", "（一）予以公开", 2, 1)
    assert body[3][0] == ("th", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2, 1)
    assert body[4][:2] == [("th", "（三）不予公开", 1, 8), ("th", "1.属于国家秘密", 1, 1)]
    assert body[12][:2] == [
        ("th", "（四）无法提供", 1, 3),
        ("th", "1.本机关不掌握相关政府信息", 1, 1),
    ]
    assert body[15][0] == ("th", "（五）不予处理", 1, 5)
    assert body[20][:2] == [
        ("th", "（六）其他处理", 1, 3),
        ("th", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 1, 1),
    ]
    assert (
        body[21][0][1] == "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    )
    assert body[23][0] == ("th", "（七）总计", 2, 1)
    assert body[24][0] == ("th", "四、结转下年度继续办理", 3, 1)
    # every row has 10 columns once the merged cells above are counted
    assert all(len([c for c in row if c[0] == "td"]) == 7 for row in body)


def test_table_four_is_one_row_of_fifteen_cells(client, setup):
    table = table_after(published_page(client, setup), "四、政府信息公开行政复议、行政诉讼情况")
    head = [cells(tr) for tr in table.thead.find_all("tr")]
    assert head[0] == [("th", "行政复议", 5, 1), ("th", "行政诉讼", 10, 1)]
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert head[1] == [("th", r, 1, 2) for r in results] + [
        ("th", "未经复议直接起诉", 5, 1),
        ("th", "复议后起诉", 5, 1),
    ]
    assert [text for _t, text, _c, _r in head[2]] == results * 2
    (data,) = table.tbody.find_all("tr")
    values = [int(td.get_text()) for td in data.find_all("td")]
    assert values == [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]


def test_tables_scroll_inside_their_own_focusable_region(client, setup):
    soup = published_page(client, setup)
    for table in soup.find_all("table"):
        box = table.parent
        assert "report-table" in box["class"]
        assert box["role"] == "region" and box["tabindex"] == "0" and box["aria-label"]


def xlsx(client, url="/ysqgk/annual-report/2026/xlsx/", host="fgw.localhost"):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def merged(sheet):
    return {str(r) for r in sheet.merged_cells.ranges}


def test_xlsx_reproduces_the_merged_cells_of_the_format(client, setup):
    AnnualReport.objects.create(organisation=setup["fgw"], year=2026, live=True)
    book = xlsx(client)
    two = book["二、主动公开"]
    assert {
        "A3:D3",
        "A7:D7",
        "A10:D10",
        "A14:D14",
        "B8:D8",
        "B9:D9",
        "B15:D15",
        "B16:D16",
    } <= merged(two)
    assert [two.cell(row=4, column=c).value for c in range(1, 5)] == [
        "信息内容", "本年制发件数", "本年废止件数", "现行有效件数"
    ]  # fmt: skip
    assert two["A16"].value == "行政事业性收费" and two["B15"].value == "本年收费金额（单位：万元）"

    three = book["三、依申请公开"]
    assert merged(three) >= {
        "A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5", "A6:C6", "A7:C7", "A8:A29", "B8:C8",
        "B9:C9", "B10:B17", "B18:B20", "B21:B25", "B26:B28", "B29:C29", "A30:C30",
    }  # fmt: skip
    assert three["A3"].value.startswith("（本列数据的勾稽关系为")
    assert three["D3"].value == "申请人情况" and three["E4"].value == "法人或其他组织"
    assert three["B9"].value == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    values = {r: [three.cell(row=r, column=c).value for c in range(4, 11)] for r in (6, 7, 29, 30)}
    assert values[6] == [1, 1, 1, 1, 1, 1, 6]
    # 一 + 二 = 三(七) + 四 in every column
    assert [a + b for a, b in zip(values[6], values[7], strict=True)] == [
        a + b for a, b in zip(values[29], values[30], strict=True)
    ]
    assert three["B29"].border.left.style == "thin" and three["C29"].border.right.style == "thin"

    four = book["四、复议诉讼"]
    assert merged(four) >= {
        "A3:E3", "F3:O3", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:J4", "K4:O4"
    }  # fmt: skip
    assert [four.cell(row=6, column=c).value for c in range(1, 16)] == [
        1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0
    ]  # fmt: skip
    assert four.max_row == 6


def test_report_as_pdf(client, setup):
    AnnualReport.objects.create(organisation=setup["fgw"], year=2026, live=True)
    response = client.get("/ysqgk/annual-report/2026/pdf/", HTTP_HOST="fgw.localhost")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and b"/Type /Page" in response.content


def _pdf_pages(report) -> list[str]:
    pdf = PdfReader(io.BytesIO(report_pdf.to_pdf(report)))
    return ["".join(page.extract_text().replace("\x00", "").split()) for page in pdf.pages]


def test_table_three_repeats_its_header_rows_on_the_page_it_continues_on(setup):
    AnnualReport.objects.create(organisation=setup["fgw"], year=2026, live=True)
    report = reports.build(setup["fgw"], 2026)
    for paragraphs in range(0, 60, 3):  # a longer overview pushes table 三 across a page break
        report.narrative.overview = "<p>本年度政府信息公开工作总体情况。</p>" * paragraphs
        pages = _pdf_pages(report)
        starts = next(
            i for i, text in enumerate(pages) if "三、收到和处理政府信息公开申请情况" in text
        )
        ends = next(i for i, text in enumerate(pages) if "四、结转下年度继续办理" in text)
        if ends > starts and "（七）总计" not in pages[starts]:
            break
    else:
        pytest.fail("table 三 never ran onto a second page")
    continued = pages[ends]
    assert "三、收到和处理政府信息公开申请情况" not in continued
    header = ["本列数据的勾稽关系为", "申请人情况", "自然人", "法人或其他组织", "总计", "商业企业"]
    positions = [continued.index(label) for label in header]
    assert positions == sorted(positions) and positions[0] < continued.index("四、结转下年度")


def test_city_wide_xlsx_has_the_same_layout(client, setup):
    book = xlsx(client, "/ysqgk/annual-report/2026/xlsx/?scope=city", "www.localhost")
    three = book["三、依申请公开"]
    assert "A8:A29" in merged(three)
    assert three["J6"].value == 7  # fgw's six and czj's one
    assert "全市汇总" in three["A1"].value
