"""Workflow-governed pages are published by their workflow and by nothing else.

A page under a Wagtail workflow (the catalog's three-step review) cannot be published,
scheduled or republished by any role outside that workflow: the publish rights its
organisation's groups hold serve ungoverned pages only. The workflow's last approval publishes
(WAGTAIL_FINISH_WORKFLOW_ACTION, cluster.workflow_finish). A superuser keeps an
emergency path; every such publication is written to the page's history as
"cluster.publish_outside_workflow".
"""

from django.utils.functional import cached_property
from wagtail.log_actions import log
from wagtail.models import PagePermissionTester, TaskState

OUTSIDE_WORKFLOW = "cluster.publish_outside_workflow"


class WorkflowOnlyPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, without publishing a governed page outside its workflow."""

    @cached_property
    def governed(self) -> bool:
        return self.page.pk is not None and self.page.has_workflow

    def _outside_workflow_refused(self) -> bool:
        return self.governed and not self.user.is_superuser

    def can_publish(self):
        return not self._outside_workflow_refused() and super().can_publish()

    def can_publish_subpage(self):
        # a new child of a governed page is governed too: it goes through the review
        return not self._outside_workflow_refused() and super().can_publish_subpage()

    def can_unschedule(self):
        return not self._outside_workflow_refused() and super().can_unschedule()


def approved_by_workflow(revision) -> bool:
    """True when `revision` went through a workflow that finished with approval."""
    return TaskState.objects.filter(
        revision=revision,
        status=TaskState.STATUS_APPROVED,
        workflow_state__status="approved",
    ).exists()


def record_outside_workflow(sender, instance, created=False, **kwargs):
    """post_save receiver of PageLogEntry: when a person (only a superuser can) published a
    governed page without its workflow, say so in the page's history. Publications by scripts
    (demo loading, imports) have no person and are not flagged."""
    if not created or instance.action != "wagtail.publish" or instance.user_id is None:
        return
    page = instance.page
    if page is None or not page.has_workflow:
        return
    if instance.revision is not None and approved_by_workflow(instance.revision):
        return
    log(page, OUTSIDE_WORKFLOW, user=instance.user, revision=instance.revision)
