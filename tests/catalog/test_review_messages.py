"""After each review step the reviewer is told which step passed and what comes next."""

import pytest
from wagtail.models import WorkflowState

from tests.helpers import DEPT_HOST, make_user

from .factories import add_item, node

pytestmark = pytest.mark.django_db


def _submitted_item(dept):
    editor = make_user("fgw_editor", dept, "editor")
    item = add_item(node(dept, "xzxk"), publish=False, title="关于优化营商环境的通知")
    item.get_workflow().start(item, editor)
    return item, WorkflowState.objects.get(object_id=str(item.pk))


def _act(client, item, state, action):
    state.refresh_from_db()
    url = f"/admin/pages/workflow/action/{item.id}/{action}/{state.current_task_state_id}/"
    response = client.post(url, {"comment": ""}, HTTP_HOST=DEPT_HOST, follow=True)
    assert response.status_code == 200
    return [str(message) for message in response.context["messages"]]


def test_each_approval_names_the_step_passed_and_the_next(client, dept):
    item, state = _submitted_item(dept)
    said = {}
    for role in ("reviewer", "second_reviewer", "head"):
        client.force_login(make_user(f"fgw_{role}", dept, role))
        said[role] = _act(client, item, state, "approve")
    assert "初审已通过，已提交复审" in said["reviewer"]
    assert "复审已通过，已提交终审" in said["second_reviewer"]
    assert "终审已通过，已发布" in said["head"]
    item.refresh_from_db()
    assert item.live


def test_rejection_names_the_step_and_returns_to_the_editor(client, dept):
    item, state = _submitted_item(dept)
    client.force_login(make_user("fgw_reviewer", dept, "reviewer"))
    assert "初审未通过，已退回编辑修改" in _act(client, item, state, "reject")


def test_approving_from_the_edit_page_says_the_same(client, dept):
    """The 批准 button of the page editor goes through another Wagtail view."""
    from .test_items import _form_data

    item, state = _submitted_item(dept)
    client.force_login(make_user("fgw_reviewer", dept, "reviewer"))
    data = _form_data(title=item.title, slug=item.slug) | {
        "action-workflow-action": "1",
        "workflow-action-name": "approve",
    }
    response = client.post(f"/admin/pages/{item.id}/edit/", data, HTTP_HOST=DEPT_HOST, follow=True)
    said = [str(message) for message in response.context["messages"]]
    assert "初审已通过，已提交复审" in said, said


def test_nothing_is_announced_outside_a_request(dept):
    """Approving from code (a management command, a task) has nobody to tell, and no error."""
    item, state = _submitted_item(dept)
    reviewer = make_user("fgw_reviewer", dept, "reviewer")
    state.current_task_state.approve(user=reviewer)
    state.refresh_from_db()
    assert state.current_task_state.task.name.endswith("复审")
