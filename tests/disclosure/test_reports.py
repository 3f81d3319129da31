"""Annual report: tables 二, 三 (with carried-over requests and the check), 四, page and XLSX."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from disclosure import report_sources, reports
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


def rows(report):
    return dict(report.table_three)


def test_table_three_counts_new_carried_outcomes_and_carry_forward(setup):
    report = reports.build(setup["fgw"], 2026)
    table = rows(report)
    assert table["一、本年新收政府信息公开申请数量"]["total"] == 6
    assert table["一、本年新收政府信息公开申请数量"]["natural"] == 1
    assert table["二、上年结转政府信息公开申请数量"] == {
        "natural": 2, "business": 0, "research": 0, "public_welfare": 0,
        "legal_service": 0, "other": 0, "total": 2,
    }  # fmt: skip
    assert table["三、本年度办理结果 （一）予以公开"]["natural"] == 2
    assert table["三、本年度办理结果 （二）部分公开"]["business"] == 1
    assert table["三、本年度办理结果 （三）不予公开"]["research"] == 1
    assert table["　　1.属于国家秘密"]["research"] == 1
    assert table["　　1.申请人无正当理由逾期不补正、行政机关不再处理其申请"]["legal_service"] == 1
    assert table["三、本年度办理结果 （七）总计"]["total"] == 5
    assert table["四、结转下年度继续办理"]["total"] == 3  # 2025-12-29, 2026-12-21, 2026-12-28
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
        table = dict(reports.build(setup["fgw"], 2026).table_two)
    finally:
        report_sources._sources.remove(catalog_source)
    assert table["行政规范性文件·本年制发件数"] == 4
    assert table["行政规范性文件·现行有效件数"] == 31
    assert table["行政处罚·本年处理决定数量"] == 12
    assert table["行政许可·本年处理决定数量"] == 0


def test_city_wide_report_aggregates_every_organisation(setup):
    report = reports.build(None, 2026)
    assert report.totals["new"] == 7
    assert "全市汇总" in report.title


def test_report_page_is_public_once_published_and_exports_xlsx(client, setup):
    url = "/ysqgk/annual-report/2026/"
    assert client.get(url, HTTP_HOST="fgw.localhost").status_code == 404
    AnnualReport.objects.create(
        organisation=setup["fgw"], year=2026, overview="本年度依法办理申请。", published=True
    )
    page = client.get(url, HTTP_HOST="fgw.localhost").content.decode()
    assert "测试机构fgw2026年政府信息公开工作年度报告" in page
    assert "本年度依法办理申请。" in page
    response = client.get(url + "xlsx/", HTTP_HOST="fgw.localhost")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["三、依申请公开"]
    header = [cell.value for cell in sheet[2]]
    assert header == [
        "项目",
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    by_label = {
        row[0].value: [cell.value for cell in row[1:]] for row in sheet.iter_rows(min_row=3)
    }
    assert by_label["一、本年新收政府信息公开申请数量"] == [1, 1, 1, 1, 1, 1, 6]
    assert by_label["三、本年度办理结果 （七）总计"][-1] == 5
    assert by_label["四、结转下年度继续办理"][-1] == 3
    assert book["四、复议诉讼"]["B3"].value == 1  # reconsideration maintained


def test_city_wide_page_on_the_portal(client, setup):
    response = client.get("/ysqgk/annual-report/2026/?scope=city", HTTP_HOST="www.localhost")
    assert response.status_code == 200
    assert "全市汇总" in response.content.decode()
