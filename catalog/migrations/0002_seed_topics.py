"""Seed the 22 主题分类 categories and their sub-categories from catalog.topics."""

from django.db import migrations


def seed(apps, schema_editor):
    from catalog.topics import topic_rows

    TopicCategory = apps.get_model("catalog", "TopicCategory")
    by_code = {}
    for code, name, parent_code in topic_rows():
        by_code[code], _created = TopicCategory.objects.update_or_create(
            code=code, defaults={"name": name, "parent": by_code.get(parent_code)}
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
