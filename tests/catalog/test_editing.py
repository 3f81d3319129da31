"""Point 5: editing permissions, three-step review workflow, personal-data and 错敏词 checks."""

import re

import pytest
from wagtail.models import Page, WorkflowState

from catalog.models import DisclosureItemPage, SensitiveWord
from catalog.workflows import workflow_name
from tests.helpers import DEPT_HOST, make_user

from .factories import add_item, node
from .test_items import _form_data

pytestmark = pytest.mark.django_db

# A made-up ID number with a valid check digit, and a made-up mobile number.
FAKE_ID = "110101199003077774"
FAKE_MOBILE = "13912345678"


def _add_url(parent):
    return f"/admin/pages/add/catalog/disclosureitempage/{parent.id}/"


def test_editor_creates_items_only_in_own_organisation(client, dept, other_dept):
    client.force_login(make_user("fgw_editor", dept, "editor"))
    own = client.post(_add_url(node(dept, "xzxk")), _form_data(), HTTP_HOST=DEPT_HOST)
    assert own.status_code == 302
    created = DisclosureItemPage.objects.get(slug="test-item")
    assert created.organisation == dept and not created.live and created.index_number is None
    foreign = client.post(
        _add_url(node(other_dept, "xzxk")), _form_data(slug="foreign"), HTTP_HOST=DEPT_HOST
    )
    assert foreign.status_code == 302 and foreign.url == "/admin/"
    assert not DisclosureItemPage.objects.filter(slug="foreign").exists()


def test_editor_cannot_edit_another_organisations_item(client, dept, other_dept):
    foreign = add_item(node(other_dept, "xzxk"), title="财政局的信息")
    client.force_login(make_user("fgw_editor", dept, "editor"))
    response = client.get(f"/admin/pages/{foreign.id}/edit/", HTTP_HOST=DEPT_HOST)
    assert response.status_code == 302 and response.url == "/admin/"


def test_each_organisation_has_a_three_step_workflow_on_its_catalog(dept):
    root = Page.objects.get(catalogrootpage__organisation=dept)
    workflow = root.get_workflow()
    assert workflow.name == workflow_name(dept)
    steps = [(task.name, [g.name for g in task.specific.groups.all()]) for task in workflow.tasks]
    assert steps == [
        (f"{dept.short_name}·初审", [f"{dept.name}·审核人"]),
        (f"{dept.short_name}·复审", [f"{dept.name}·复审人"]),
        (f"{dept.short_name}·终审", [f"{dept.name}·公开工作机构负责人"]),
    ]
    assert node(dept, "xzxk").get_workflow() == workflow


def test_submitted_item_passes_three_reviewers_in_order_then_publishes(client, dept):
    client.force_login(make_user("fgw_editor", dept, "editor"))
    client.post(
        _add_url(node(dept, "xzxk")), _form_data() | {"action-submit": "1"}, HTTP_HOST=DEPT_HOST
    )
    item = DisclosureItemPage.objects.get(slug="test-item")
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(item.pk))
    reviewers = {
        role: make_user(f"fgw_{role}", dept, role)
        for role in ("reviewer", "second_reviewer", "head")
    }
    # The 终审 head cannot act on the 初审 step.
    client.force_login(reviewers["head"])
    task_state = state.current_task_state
    client.post(
        f"/admin/pages/workflow/action/{item.id}/approve/{task_state.id}/", HTTP_HOST=DEPT_HOST
    )
    state.refresh_from_db()
    assert state.current_task_state_id == task_state.id
    for role in ("reviewer", "second_reviewer", "head"):
        item.refresh_from_db()
        assert not item.live
        client.force_login(reviewers[role])
        state.refresh_from_db()
        response = client.post(
            f"/admin/pages/workflow/action/{item.id}/approve/{state.current_task_state_id}/",
            HTTP_HOST=DEPT_HOST,
        )
        assert response.status_code in (200, 302)
    item.refresh_from_db()
    state.refresh_from_db()
    assert state.status == "approved"
    assert item.live and item.index_number.endswith("-00001")


def test_unmasked_personal_data_blocks_submit_and_publish_but_not_draft(client, dept, admin_user):
    # only a superuser may publish a governed item outside the review (the emergency path)
    client.force_login(admin_user)
    parent = node(dept, "xzxk")
    body_text = f"当事人张某，身份证号{FAKE_ID}，联系电话{FAKE_MOBILE}。"
    data = _form_data(summary=f"联系人手机{FAKE_MOBILE}")
    from wagtail.test.utils.form_data import rich_text

    data["body"] = rich_text(f"<p>{body_text}</p>")
    blocked = client.post(_add_url(parent), data | {"action-publish": "1"}, HTTP_HOST=DEPT_HOST)
    assert blocked.status_code == 200
    text = blocked.content.decode()
    assert "未打码的身份证号码" in text and "110101********7774" in text
    assert "未打码的手机号码" in text and "139****5678" in text
    assert FAKE_ID not in text.split("<form")[0]  # messages never echo the number in clear
    assert "第6个字符处" in text  # where: the position within the field
    assert not DisclosureItemPage.objects.filter(slug="test-item").exists()

    draft = client.post(_add_url(parent), data, HTTP_HOST=DEPT_HOST)
    assert draft.status_code == 302
    assert DisclosureItemPage.objects.filter(slug="test-item", live=False).exists()

    masked = _form_data(summary="联系人手机139****5678") | {"action-publish": "1", "slug": "ok"}
    masked["body"] = rich_text("<p>身份证号110101********7774</p>")
    assert client.post(_add_url(parent), masked, HTTP_HOST=DEPT_HOST).status_code == 302
    assert DisclosureItemPage.objects.get(slug="ok").live


def test_sensitive_words_are_flagged_with_position(client, dept, admin_user):
    SensitiveWord.objects.create(word="法人代表", suggestion="法定代表人")
    client.force_login(admin_user)
    response = client.post(
        _add_url(node(dept, "xzxk")),
        _form_data(summary="请法人代表签字确认") | {"action-publish": "1"},
        HTTP_HOST=DEPT_HOST,
        follow=True,
    )
    text = response.content.decode()
    assert "错敏词提示（内容概述）" in text
    assert "第2个字符处有错敏词“法人代表”，建议改为“法定代表人”" in text
    assert DisclosureItemPage.objects.get(slug="test-item").live  # flagged, not blocked


def test_admin_listing_filters_items_of_own_organisation(client, dept, other_dept):
    add_item(node(dept, "xzxk"), title="发改委许可", genre="notice")
    add_item(node(dept, "xzxk"), title="发改委公告", genre="announcement")
    add_item(node(other_dept, "xzxk"), title="财政局许可")
    client.force_login(make_user("fgw_editor", dept, "editor"))
    text = client.get("/admin/disclosure_items/", HTTP_HOST=DEPT_HOST).content.decode()
    assert "发改委许可" in text and "发改委公告" in text and "财政局许可" not in text
    filtered = client.get(
        "/admin/disclosure_items/", {"genre": "announcement"}, HTTP_HOST=DEPT_HOST
    ).content.decode()
    assert "发改委公告" in filtered and "发改委许可" not in filtered


def test_item_edit_form_shows_metadata_tabs(client, dept):
    item = add_item(node(dept, "xzxk"))
    client.force_login(make_user("fgw_editor", dept, "editor"))
    response = client.get(f"/admin/pages/{item.id}/edit/", HTTP_HOST=DEPT_HOST)
    text = response.content.decode()
    assert response.status_code == 200
    for label in ("元数据", "成文日期", "主题分类", "五公开", "所解读的政策文件", "附件"):
        assert label in text, label


def test_scheduled_publish_and_expiry(dept):
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    item = add_item(node(dept, "xzxk"), publish=False)
    item.go_live_at = timezone.now() + dt.timedelta(hours=1)
    revision = item.save_revision()
    revision.publish()
    item.refresh_from_db()
    assert not item.live and item.index_number is None
    revision.refresh_from_db()
    past = timezone.now() - dt.timedelta(minutes=1)  # as if the hour had gone by
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    item.refresh_from_db()
    assert item.live and item.index_number.endswith("-00001")
    number = item.index_number
    DisclosureItemPage.objects.filter(pk=item.pk).update(
        expire_at=timezone.now() - dt.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    item.refresh_from_db()
    assert not item.live and item.expired and item.index_number == number


def test_items_are_shown_by_reference_only_in_own_catalog(client, dept, other_dept):
    client.force_login(make_user("fgw_editor", dept, "editor"))
    form_page = client.get(_add_url(node(dept, "xzxk")), HTTP_HOST=DEPT_HOST)
    choices = form_page.context["form"].fields["also_in"].queryset
    assert node(dept, "mszc") in choices and node(other_dept, "mszc") not in choices
    foreign = client.post(
        _add_url(node(dept, "xzxk")),
        _form_data(also_in=[str(node(other_dept, "mszc").id)]),
        HTTP_HOST=DEPT_HOST,
    )
    assert foreign.status_code == 200
    assert "also_in" in foreign.context["form"].errors
    assert not DisclosureItemPage.objects.filter(slug="test-item").exists()
    own = client.post(
        _add_url(node(dept, "xzxk")),
        _form_data(also_in=[str(node(dept, "mszc").id)]),
        HTTP_HOST=DEPT_HOST,
    )
    assert own.status_code == 302
    assert list(DisclosureItemPage.objects.get(slug="test-item").also_in.all()) == [
        node(dept, "mszc")
    ]


def test_items_move_within_their_own_catalog_only(client, dept, other_dept):
    from django.contrib.auth import get_user_model

    item = add_item(node(dept, "xzxk"), title="移动测试信息")
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.com", "x"))
    move = "/admin/pages/{}/move/{}/confirm/"
    refused = client.post(move.format(item.id, node(other_dept, "xzxk").id), HTTP_HOST=DEPT_HOST)
    assert refused.status_code == 302
    item.refresh_from_db()
    assert item.get_parent().id == node(dept, "xzxk").id
    assert client.post(move.format(item.id, node(dept, "xzcf").id), HTTP_HOST=DEPT_HOST)
    item.refresh_from_db()
    assert item.get_parent().id == node(dept, "xzcf").id
    assert list(node(dept, "xzcf").items()) == [item] and not node(dept, "xzxk").items()


def test_new_item_title_fills_the_slug_in_the_browser(client, dept):
    """The title field drives the slug (Wagtail's w-sync), which sits on the 推广 tab."""
    client.force_login(make_user("fgw_editor", dept, "editor"))
    page = client.get(_add_url(node(dept, "xzxk")), HTTP_HOST=DEPT_HOST).content.decode()
    title_input = re.search(r'<input[^>]*name="title"[^>]*>', page).group(0)
    assert 'data-controller="w-sync"' in title_input
    assert 'data-w-sync-target-value="#id_slug"' in title_input
