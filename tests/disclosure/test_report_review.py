"""Issue #13: the annual report's narrative goes through the 三审 review before it is published."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState
from wagtail.test.utils.form_data import rich_text

from catalog.models import DisclosureItemPage, NodeKind
from disclosure.models import AnnualReport
from tests.helpers import make_user

from .helpers import make_request

D = dt.date
FGW = {"HTTP_HOST": "fgw.localhost"}
PUBLIC = "/ysqgk/annual-report/2026/"


def url(name, report, *args):
    return reverse(f"wagtailsnippets_disclosure_annualreport:{name}", args=[report.pk, *args])


def narrative(text="总体情况文字", penalties=5, **extra):
    return {
        "overview": rich_text(text),
        "problems": rich_text("存在问题文字"),
        "other_matters": rich_text("其他事项文字"),
        "penalty_decisions": penalties,
        "enforcement_decisions": 0,
        "fees_amount": "1.5",
        **extra,
    }


@pytest.fixture
def staff(fgw, czj):
    make_request(fgw, D(2026, 3, 2))
    return {
        role: make_user(f"fgw_{role}", fgw, role)
        for role in ("editor", "reviewer", "second_reviewer", "head")
    } | {"czj_editor": make_user("czj_editor", czj, "editor"),
         "czj_head": make_user("czj_head", czj, "head")}  # fmt: skip


def draft(client, fgw, editor, **fields) -> AnnualReport:
    """The editor opens the year's report from the overview page and saves a draft."""
    client.force_login(editor)
    opened = client.post(f"/admin/ysqgk/reports/?org={fgw.pk}&year=2026")
    report = AnnualReport.objects.get(organisation=fgw, year=2026)
    assert opened.status_code == 302 and opened["Location"] == url("edit", report)
    assert client.post(url("edit", report), narrative(**fields)).status_code == 302
    return report


def submit(client, fgw, editor) -> AnnualReport:
    report = draft(client, fgw, editor)
    client.post(url("edit", report), narrative(**{"action-submit": "1"}))
    report.refresh_from_db()
    assert report.workflow_in_progress
    return report


def approve(client, user, report):
    """`user` approves the report's current step; the response of Wagtail's action view."""
    client.force_login(user)
    report.refresh_from_db()
    state = report.current_workflow_state.current_task_state
    return client.post(url("workflow_action", report, "approve", state.pk), {"comment": ""})


def public_page(client):
    return client.get(PUBLIC, **FGW)


def test_a_draft_and_a_report_in_review_are_never_public(client, fgw, staff):
    report = draft(client, fgw, staff["editor"])
    report.refresh_from_db()
    assert not report.live and "总体情况文字" in report.overview
    assert public_page(client).status_code == 404
    submit(client, fgw, staff["editor"])
    assert public_page(client).status_code == 404
    assert client.get(f"{PUBLIC}pdf/", **FGW).status_code == 404


def test_no_one_publishes_outside_the_three_approvals(client, fgw, staff):
    report = submit(client, fgw, staff["editor"])
    # the head may not publish directly, nor approve the 初审 that is not his step
    client.force_login(staff["head"])
    client.post(url("edit", report), narrative(**{"action-publish": "1"}))
    refused = approve(client, staff["head"], report)
    assert refused.status_code in (302, 403)
    report.refresh_from_db()
    assert not report.live
    assert approve(client, staff["reviewer"], report).status_code == 302  # 初审
    assert approve(client, staff["reviewer"], report).status_code in (302, 403)  # not his 复审
    assert approve(client, staff["second_reviewer"], report).status_code == 302  # 复审
    report.refresh_from_db()
    assert not report.live and report.frozen_numbers is None and report.filed_page_id is None
    assert public_page(client).status_code == 404
    steps = TaskState.objects.filter(workflow_state=report.current_workflow_state)
    assert [(s.task.name, s.status) for s in steps.order_by("pk")] == [
        ("年度报告·初审", "approved"),
        ("年度报告·复审", "approved"),
        ("年度报告·终审", "in_progress"),
    ]


def test_the_final_approval_publishes_freezes_and_files_with_an_index_number(client, fgw, staff):
    report = submit(client, fgw, staff["editor"])
    for role in ("reviewer", "second_reviewer", "head"):
        assert approve(client, staff[role], report).status_code == 302
    report.refresh_from_db()
    assert report.live and report.frozen_numbers["table_three"]["new"]["total"] == 1
    item = DisclosureItemPage.objects.get(pk=report.filed_page_id)
    assert item.live and item.get_parent().specific.node_kind == NodeKind.ANNUAL_REPORT
    assert report.index_number == item.index_number
    assert report.index_number.startswith(f"{fgw.credit_code}/")
    page = public_page(client).content.decode()
    assert "总体情况文字" in page and "其他事项文字" in page and report.index_number in page
    # the audit trail: who submitted and who approved each step, in the report's history
    client.force_login(staff["editor"])
    log = client.get(url("history", report)).content.decode()
    for who, what in [("fgw_editor", "“政府信息公开工作年度报告·三审”已启动"),
                      ("fgw_reviewer", "“年度报告·初审”已批准"),
                      ("fgw_second_reviewer", "“年度报告·复审”已批准"),
                      ("fgw_head", "“年度报告·终审”已批准")]:  # fmt: skip
        assert who in log and what in log
    workflow = client.get(url("workflow_history", report)).content.decode()
    assert "政府信息公开工作年度报告·三审" in workflow and "已批准" in workflow


def test_edits_to_a_published_report_stay_drafts_until_approved_again(client, fgw, staff):
    report = submit(client, fgw, staff["editor"])
    for role in ("reviewer", "second_reviewer", "head"):
        approve(client, staff[role], report)
    client.force_login(staff["editor"])
    client.post(url("edit", report), narrative("改写后的总体情况", penalties=9))
    report.refresh_from_db()
    assert report.live and report.has_unpublished_changes and report.penalty_decisions == 5
    page = public_page(client).content.decode()
    assert "总体情况文字" in page and "改写后的总体情况" not in page


def test_the_head_withdraws_a_published_report_and_it_is_recorded(client, fgw, staff):
    report = submit(client, fgw, staff["editor"])
    for role in ("reviewer", "second_reviewer", "head"):
        approve(client, staff[role], report)
    report.refresh_from_db()
    number = report.index_number
    client.force_login(staff["editor"])
    assert client.post(url("unpublish", report)).status_code in (302, 403, 404)
    report.refresh_from_db()
    assert report.live
    client.force_login(staff["head"])
    assert "撤回（取消发布）" in client.get(url("edit", report)).content.decode()
    assert client.post(url("unpublish", report)).status_code == 302
    report.refresh_from_db()
    assert not report.live and report.frozen_numbers is None and report.index_number == number
    assert not report.filed_page.live
    assert public_page(client).status_code == 404
    history = client.get(url("history", report)).content.decode()
    assert "fgw_head" in history and "取消发布" in history


def test_another_organisations_staff_can_neither_see_nor_act_on_the_report(client, fgw, staff):
    report = submit(client, fgw, staff["editor"])
    client = Client()  # without the messages fgw's editor left in the cookie
    client.force_login(staff["czj_head"])
    state = report.current_workflow_state.current_task_state
    for name, args in [("edit", ()), ("history", ()), ("workflow_history", ()),
                       ("unpublish", ()), ("lock", ()),
                       ("workflow_action", ("approve", state.pk))]:  # fmt: skip
        for method in (client.get, client.post):
            response = method(url(name, report, *args))
            assert response.status_code == 404, (name, method)
    listing = client.get(reverse("wagtailsnippets_disclosure_annualreport:list"))
    assert "云溪市发展和改革委员会" not in listing.content.decode()
    overview = client.get(f"/admin/ysqgk/reports/?org={fgw.pk}&year=2026").content.decode()
    assert "云溪市财政局2026年" in overview and "云溪市发展和改革委员会2026年" not in overview
    report.refresh_from_db()
    assert report.current_workflow_state.current_task_state.pk == state.pk


def test_the_generated_tables_are_shown_locked_and_cannot_be_edited(client, fgw, staff):
    report = draft(client, fgw, staff["editor"])
    page = client.get(url("edit", report)).content.decode()
    assert "表二至表四（由办理记录自动生成，只读）" in page
    assert "本年新收政府信息公开申请数量" in page  # table 三, drawn read-only
    for field in ("frozen_numbers", "index_number", "year", "organisation", "live"):
        assert f'name="{field}"' not in page
    forged = narrative(frozen_numbers='{"table_three": {}}', index_number="伪造", year="2020")
    client.post(url("edit", report), forged)
    report.refresh_from_db()
    assert report.frozen_numbers is None and report.index_number == "" and report.year == 2026


def test_the_dashboard_shows_each_organisations_report_deadline(client, fgw, staff):
    from django.utils import timezone

    today = timezone.localdate()
    year = today.year - 1
    deadline = D(year + 1, 1, 31)  # a department's (条例第四十九条)
    client.force_login(staff["reviewer"])
    page = client.get("/admin/").content.decode()
    assert f"{year}年政府信息公开工作年度报告发布期限" in page
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in page
    left = (deadline - today).days
    expected = f"已逾期{-left}天，尚未发布" if left < 0 else f"尚未起草，还有{left}天"
    assert expected in page
    assert "云溪市财政局" not in page


def test_a_final_approval_failing_the_tables_check_is_refused_with_the_reason(client, fgw, staff):
    from disclosure.models import DisclosureRequest

    report = submit(client, fgw, staff["editor"])
    approve(client, staff["reviewer"], report)
    approve(client, staff["second_reviewer"], report)
    DisclosureRequest.objects.filter(organisation=fgw).update(
        received_on=D(2027, 2, 1), concluded_on=D(2026, 6, 1), outcome="disclosed"
    )  # concluded in 2026 but received in 2027: 一 + 二 ≠ 三(七) + 四
    response = approve(client, staff["head"], report)
    assert response.status_code == 302 and response["Location"] == url("edit", report)
    report.refresh_from_db()
    assert not report.live and report.filed_page_id is None and report.frozen_numbers is None
    assert report.current_workflow_state.current_task_state.task.name == "年度报告·终审"
    page = client.get(response["Location"]).content.decode()
    assert "无法发布" in page


def test_each_step_is_mailed_to_its_role_holders_in_the_reports_organisation(client, fgw, staff):
    from cluster.models import OutgoingMail

    for user in staff.values():
        user.email = f"{user.username}@example.com"
        user.save()
    report = submit(client, fgw, staff["editor"])
    mail = OutgoingMail.objects.get()
    assert mail.recipients == ["fgw_reviewer@example.com"]
    assert "年度报告·初审" in mail.subject + mail.body and url("edit", report) in mail.body
    approve(client, staff["reviewer"], report)
    assert OutgoingMail.objects.latest("pk").recipients == ["fgw_second_reviewer@example.com"]
