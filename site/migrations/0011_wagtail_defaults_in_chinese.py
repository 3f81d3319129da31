"""Give the records Wagtail's own migrations create Chinese names (the admin shows them).

Wagtail creates a root page and a root collection "Root", groups "Editors" and "Moderators", and a workflow and
task "Moderators approval". Editors meet these names in the explorer, the page chooser and the
"提交给…" action, so they are renamed once, only while they still carry Wagtail's English name.
"""

from django.db import migrations

RENAMES = {
    ("wagtailcore", "Page"): ("title", {"Root": "根目录"}),
    ("wagtailcore", "Collection"): ("name", {"Root": "全部集合"}),
    ("auth", "Group"): ("name", {"Editors": "全站编辑", "Moderators": "全站审核人"}),
    ("wagtailcore", "Workflow"): ("name", {"Moderators approval": "全站审核"}),
    ("wagtailcore", "Task"): ("name", {"Moderators approval": "全站审核"}),
}


def rename_wagtail_defaults(apps, schema_editor):
    for (app_label, model_name), (field, names) in RENAMES.items():
        model = apps.get_model(app_label, model_name)
        for english, chinese in names.items():
            if model_name == "Collection":
                model.objects.filter(depth=1, name=english).update(name=chinese)
            elif model_name == "Page":
                model.objects.filter(depth=1, title=english).update(
                    title=chinese, draft_title=chinese
                )
            elif not model.objects.filter(**{field: chinese}).exists():
                model.objects.filter(**{field: english}).update(**{field: chinese})


class Migration(migrations.Migration):
    dependencies = [
        # After 0008 stripped and deleted the default groups and workflow: a renamed group
        # would escape it.
        ("cluster", "0010_merge_default_groups_and_main"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rename_wagtail_defaults, migrations.RunPython.noop)]
