"""Disclosure items whose slug is long (a Chinese title, percent-encoded) get their short
address; the old one redirects (301). See cluster.short_urls."""

from django.db import migrations

from cluster.short_urls import convert_long_slugs


def shorten(apps, schema_editor):
    convert_long_slugs(apps, "catalog.DisclosureItemPage")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_list_filter_indexes"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(shorten, migrations.RunPython.noop)]
