"""Wagtail's default "Moderators" and "Editors" groups grant rights on the root page (every
site) and the root collection. Nothing in the cluster uses them: their rights are removed, and
a group nobody belongs to is deleted. Wagtail's default "Moderators approval" workflow (a task
of the Moderators group, on the root page) is unassigned and deactivated: otherwise every page
would count as governed and only the catalog's 三审 is meant to govern (cluster.publishing)."""

from django.db import migrations

DEFAULT_GROUPS = ("Moderators", "Editors")


def strip_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for group in Group.objects.filter(name__in=DEFAULT_GROUPS):
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        group.permissions.clear()
        if not group.user_set.exists():
            group.delete()
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    for workflow in Workflow.objects.filter(name="Moderators approval"):
        WorkflowPage.objects.filter(workflow=workflow).delete()
        workflow.active = False
        workflow.save(update_fields=["active"])


class Migration(migrations.Migration):
    dependencies = [
        ("cluster", "0007_organisation_single_person_office"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(strip_default_groups, migrations.RunPython.noop)]
