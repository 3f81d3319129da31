"""Articles whose slug is long (a Chinese title, percent-encoded) get their short address;
the old one redirects (301). See cluster.short_urls."""

from django.db import migrations

from cluster.short_urls import convert_long_slugs


def shorten(apps, schema_editor):
    convert_long_slugs(apps, "cluster.ArticlePage")


class Migration(migrations.Migration):
    dependencies = [
        ("cluster", "0006_site_settings_about_page"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(shorten, migrations.RunPython.noop)]
