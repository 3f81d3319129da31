"""What a finished Wagtail workflow does (WAGTAIL_FINISH_WORKFLOW_ACTION).

Kept free of model imports: Wagtail loads it while its own models are being defined.
"""


def publish_approved(workflow_state, user=None):
    """Publish what the workflow's last step approved. The approval is the authority, so the
    approver's own publish right is not asked for (governed pages grant it to nobody, see
    cluster.publishing)."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
