"""A review step held by a role of the reviewed object's own organisation.

Wagtail assigns a workflow to a snippet model as a whole (WorkflowContentType), so one
workflow reviews every organisation's annual report. Its steps cannot name fixed groups as the
catalog's per-organisation GroupApprovalTasks do: each step names a role (cluster.roles) and
is held by that role's holders in the organisation owning the object under review.
"""

from django.db import models
from wagtail.models import Task, TaskState

from cluster.permissions import members, organisation_of
from cluster.roles import ROLES


class OrganisationRoleTask(Task):
    """A review step approved by the holders of `role` in the object's organisation."""

    role = models.CharField(
        "审核角色", max_length=30, choices=[(role.key, role.label) for role in ROLES]
    )

    admin_form_fields = [*Task.admin_form_fields, "role"]

    class Meta:
        verbose_name = "本单位角色审核"
        verbose_name_plural = "本单位角色审核"

    def holds(self, obj, user) -> bool:
        """True when `user` holds this step's role in the organisation owning `obj`."""
        if user.is_superuser:
            return True
        organisation = organisation_of(obj)
        return (
            organisation is not None
            and members(organisation, [self.role]).filter(pk=user.pk).exists()
        )

    def user_can_access_editor(self, obj, user):
        return self.holds(obj, user)

    def locked_for_user(self, obj, user):
        return not self.holds(obj, user)

    def user_can_lock(self, obj, user):
        return self.holds(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self.holds(obj, user):
            return []
        return [
            ("reject", "退回修改", True),
            ("approve", "审核通过", False),
            ("approve", "审核通过并留言", True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        mine = [
            state.pk
            for state in states.select_related("workflow_state")
            if self.holds(state.workflow_state.content_object, user)
        ]
        return states.filter(pk__in=mine)

    @classmethod
    def get_description(cls):
        return "由被审核对象所属单位中担任指定角色的人员审核"
