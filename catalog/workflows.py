"""The three-step review (初审 → 复审 → 终审) of each organisation's catalog: the one setup module.

Each organisation gets its own Wagtail Workflow of GroupApprovalTasks, one per step, each
assigned to that organisation's role group, and the workflow covers its 专栏 subtree.
"""

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from cluster.provisioning import role_group

REVIEW_STEPS = [("初审", "reviewer"), ("复审", "second_reviewer"), ("终审", "head")]


def workflow_name(organisation) -> str:
    return f"{organisation.short_name}·政府信息公开三审"


def ensure_review_workflow(organisation) -> Workflow:
    """Create (or complete) the organisation's review workflow on its catalog root."""
    from .models import CatalogRootPage

    workflow, _created = Workflow.objects.get_or_create(name=workflow_name(organisation))
    for order, (step, role) in enumerate(REVIEW_STEPS):
        task_name = f"{organisation.short_name}·{step}"
        task = GroupApprovalTask.objects.filter(name=task_name).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=task_name)
        task.groups.set([role_group(organisation, role)])
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    root = CatalogRootPage.objects.get(organisation=organisation)
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow
