"""The annual report goes through the 三审 review: revisions, drafts, locking, a workflow.

Existing reports keep their state (published ones stay published, with their frozen tables and
索引号); the one 年度报告三审 workflow, with a step per reviewing role of the report's own
organisation, is assigned to the AnnualReport model.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

REVIEW_STEPS = [("初审", "reviewer"), ("复审", "second_reviewer"), ("终审", "head")]
WORKFLOW_NAME = "政府信息公开工作年度报告·三审"


def carry_reports(apps, schema_editor):
    """A published report was first published when it was last published."""
    AnnualReport = apps.get_model("disclosure", "AnnualReport")
    for report in AnnualReport.objects.filter(live=True, first_published_at__isnull=True):
        report.first_published_at = report.last_published_at
        report.save(update_fields=["first_published_at"])
    AnnualReport.objects.filter(live=False).update(has_unpublished_changes=True)


def create_review_workflow(apps, schema_editor):
    """The workflow of every annual report: 初审, 复审, 终审 by the organisation's own roles."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    OrganisationRoleTask = apps.get_model("disclosure", "OrganisationRoleTask")
    task_type, _ = ContentType.objects.get_or_create(
        app_label="disclosure", model="organisationroletask"
    )
    report_type, _ = ContentType.objects.get_or_create(app_label="disclosure", model="annualreport")
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    for order, (step, role) in enumerate(REVIEW_STEPS):
        task, _ = OrganisationRoleTask.objects.get_or_create(
            name=f"年度报告·{step}", defaults={"role": role, "content_type": task_type}
        )
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    WorkflowContentType.objects.update_or_create(
        content_type=report_type, defaults={"workflow": workflow}
    )


def remove_review_workflow(apps, schema_editor):
    """Undo create_review_workflow (before the task table goes)."""
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("disclosure", "OrganisationRoleTask").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0009_merge_private_attachments_and_main"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="OrganisationRoleTask",
            fields=[
                (
                    "task_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.task",
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("admin", "单位管理员"),
                            ("editor", "编辑"),
                            ("reviewer", "审核人"),
                            ("second_reviewer", "复审人"),
                            ("officer", "依申请公开经办人"),
                            ("head", "公开工作机构负责人"),
                        ],
                        max_length=30,
                        verbose_name="审核角色",
                    ),
                ),
            ],
            options={
                "verbose_name": "本单位角色审核",
                "verbose_name_plural": "本单位角色审核",
            },
            bases=("wagtailcore.task",),
        ),
        # published -> live and published_at -> last_published_at keep every report's state
        migrations.RenameField(model_name="annualreport", old_name="published", new_name="live"),
        migrations.RenameField(
            model_name="annualreport", old_name="published_at", new_name="last_published_at"
        ),
        migrations.AddField(
            model_name="annualreport",
            name="expire_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="expiry date/time"),
        ),
        migrations.AddField(
            model_name="annualreport",
            name="expired",
            field=models.BooleanField(default=False, editable=False, verbose_name="expired"),
        ),
        migrations.AddField(
            model_name="annualreport",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, db_index=True, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AddField(
            model_name="annualreport",
            name="go_live_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="go live date/time"),
        ),
        migrations.AddField(
            model_name="annualreport",
            name="has_unpublished_changes",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="has unpublished changes"
            ),
        ),
        migrations.AlterField(
            model_name="annualreport",
            name="last_published_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="last published at"),
        ),
        migrations.AddField(
            model_name="annualreport",
            name="latest_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="latest revision",
            ),
        ),
        migrations.AlterField(
            model_name="annualreport",
            name="live",
            field=models.BooleanField(default=False, editable=False, verbose_name="已发布"),
        ),
        migrations.AddField(
            model_name="annualreport",
            name="live_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.revision",
                verbose_name="live revision",
            ),
        ),
        migrations.AddField(
            model_name="annualreport",
            name="locked",
            field=models.BooleanField(default=False, editable=False, verbose_name="locked"),
        ),
        migrations.AddField(
            model_name="annualreport",
            name="locked_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="locked at"),
        ),
        migrations.AddField(
            model_name="annualreport",
            name="locked_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="locked_%(class)ss",
                to=settings.AUTH_USER_MODEL,
                verbose_name="locked by",
            ),
        ),
        migrations.AlterField(
            model_name="annualreport",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="annual_reports",
                to="cluster.organisation",
                verbose_name="机构",
            ),
        ),
        migrations.RunPython(carry_reports, migrations.RunPython.noop),
        migrations.RunPython(create_review_workflow, remove_review_workflow),
    ]
