"""Publishing the annual report: frozen tables, filing in the catalog, deadlines, portal status."""

import datetime as dt

import pytest

from catalog.models import DisclosureItemPage, NodeKind
from cluster.models import OutgoingMail
from disclosure import report_publishing, reports
from disclosure.models import AnnualReport, AnnualReportReminder, DisclosureRequest
from disclosure.tasks import send_annual_report_reminders
from tests.helpers import make_organisation, make_user

from .helpers import make_request

D = dt.date


@pytest.fixture
def cluster(db):
    portal = make_organisation("portal", hostname="www.localhost")
    fgw = make_organisation("fgw", hostname="fgw.localhost", parent=portal)
    county = make_organisation("qsx", hostname="qsx.localhost", parent=portal, level="county")
    make_request(fgw, D(2026, 3, 2))
    return {"portal": portal, "fgw": fgw, "county": county}


def test_deadlines_of_article_49(cluster):
    assert report_publishing.deadline_for(cluster["fgw"], 2026) == D(2027, 1, 31)
    assert report_publishing.deadline_for(cluster["county"], 2026) == D(2027, 3, 31)
    assert report_publishing.deadline_for(cluster["portal"], 2026) == D(2027, 3, 31)


def test_publishing_files_the_report_in_the_annual_report_node_with_an_index_number(cluster):
    fgw = cluster["fgw"]
    report = AnnualReport.objects.create(organisation=fgw, year=2026, overview="<p>总体</p>")
    report = report_publishing.publish(report)
    assert report.live and report.published_at is not None
    item = DisclosureItemPage.objects.get(pk=report.filed_page_id)
    assert item.live and item.organisation == fgw
    assert item.get_parent().specific.node_kind == NodeKind.ANNUAL_REPORT
    assert item.index_number == report.index_number
    assert report.index_number.startswith(f"{fgw.credit_code}/")
    assert item.title == "测试机构fgw2026年政府信息公开工作年度报告"
    assert 'href="http://fgw.localhost/ysqgk/annual-report/2026/"' in item.body
    # publishing again files nothing new
    assert report_publishing.publish(report).filed_page_id == item.pk
    assert DisclosureItemPage.objects.filter(organisation=fgw).count() == 1


def test_published_tables_are_frozen_and_withdrawing_keeps_the_index_number(cluster):
    fgw = cluster["fgw"]
    report = report_publishing.publish(AnnualReport.objects.create(organisation=fgw, year=2026))
    make_request(fgw, D(2026, 5, 6))  # arrives (is entered) after publication
    assert reports.build(fgw, 2026).table_three["new"]["total"] == 1
    assert reports.build(fgw, 2026).frozen
    assert reports.build(fgw, 2026, live=True).table_three["new"]["total"] == 2
    number = report.index_number
    report = report_publishing.withdraw(report)
    assert not report.live and not report.filed_page.live
    report = report_publishing.publish(report)
    assert reports.build(fgw, 2026).table_three["new"]["total"] == 2
    assert report.index_number == number and report.filed_page.live


def test_a_report_failing_the_check_is_not_published(cluster):
    fgw = cluster["fgw"]
    request = DisclosureRequest.objects.get(organisation=fgw)
    DisclosureRequest.objects.filter(pk=request.pk).update(
        received_on=D(2027, 2, 1), concluded_on=D(2026, 6, 1), outcome="disclosed"
    )
    report = AnnualReport.objects.create(organisation=fgw, year=2026)
    with pytest.raises(reports.ReportCheckFailed):
        report_publishing.publish(report)
    report.refresh_from_db()
    assert not report.live and report.filed_page_id is None


def test_reminders_before_the_deadline_and_when_overdue_each_sent_once(cluster):
    fgw, county = cluster["fgw"], cluster["county"]
    for organisation in (fgw, county):
        user = make_user(f"{organisation.slug}_admin", organisation, "admin")
        user.email = f"{organisation.slug}_admin@example.com"
        user.save()
    # 2027-01-10: the department's deadline (31 January) is 21 days away, the county's is not near
    assert send_annual_report_reminders("2027-01-10") == 1
    assert send_annual_report_reminders("2027-01-10") == 0
    mail = OutgoingMail.objects.get()
    assert mail.recipients == ["fgw_admin@example.com"]
    assert "2027年01月31日前发布（还有21天）" in mail.body
    assert send_annual_report_reminders("2027-01-25") == 1  # the 7-day reminder
    report_publishing.publish(AnnualReport.objects.create(organisation=fgw, year=2026))
    assert send_annual_report_reminders("2027-02-01") == 0  # published: nothing more for fgw
    assert send_annual_report_reminders("2027-04-01") == 2  # county and portal overdue
    kinds = set(AnnualReportReminder.objects.values_list("organisation__slug", "kind"))
    assert kinds == {
        ("fgw", "before_30"),
        ("fgw", "before_7"),
        ("qsx", "overdue"),
        ("portal", "overdue"),
    }
    assert "逾期" in OutgoingMail.objects.filter(recipients=["qsx_admin@example.com"]).get().subject


def test_portal_lists_the_organisations_that_have_not_published(client, cluster):
    report_publishing.publish(AnnualReport.objects.create(organisation=cluster["fgw"], year=2026))
    response = client.get("/ysqgk/annual-report/2026/status/", HTTP_HOST="www.localhost")
    assert response.status_code == 200
    page = response.content.decode()
    assert "尚有 <strong>2</strong> 个机构未发布" in page
    fgw_row = page.split("测试机构fgw")[1].split("</tr>")[0]
    assert "已发布" in fgw_row and "2027-01-31" in fgw_row
    county_row = page.split("测试机构qsx")[1].split("</tr>")[0]
    assert "未发布" in county_row and "2027-03-31" in county_row
    # only on the portal
    assert (
        client.get("/ysqgk/annual-report/2026/status/", HTTP_HOST="fgw.localhost").status_code
        == 404
    )
