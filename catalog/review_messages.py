"""What the reviewer is told after acting on a review step (初审 → 复审 → 终审).

Wagtail's workflow views only say "页面已更新" (or nothing, from the dashboard); a reviewer
needs to know the step passed and where the item went: "初审已通过，已提交复审",
"终审已通过，已发布", "复审未通过，已退回编辑修改".
"""

from django.dispatch import receiver
from wagtail.models import WorkflowState
from wagtail.signals import task_approved, task_rejected

from cluster.admin_messages import announce


def step_name(task) -> str:
    """The step a task stands for: "初审" for the task "发改委·初审" (catalog.workflows)."""
    return task.name.rsplit("·", 1)[-1]


def approval_message(task_state) -> str:
    """The sentence for an approved step, once Wagtail has moved the workflow on."""
    workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
    passed = f"{step_name(task_state.task)}已通过"
    if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        upcoming = workflow_state.current_task_state
        if upcoming is not None:
            return f"{passed}，已提交{step_name(upcoming.task)}"
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        content = workflow_state.content_object
        if getattr(content, "live", False) and not content.has_unpublished_changes:
            return f"{passed}，已发布"
        return f"{passed}，审核流程已完成"
    return passed


@receiver(task_approved, dispatch_uid="catalog_review_approved_message")
def announce_approval(sender, instance, user, **kwargs):
    announce(approval_message(instance))


@receiver(task_rejected, dispatch_uid="catalog_review_rejected_message")
def announce_rejection(sender, instance, user, **kwargs):
    announce(f"{step_name(instance.task)}未通过，已退回编辑修改")
