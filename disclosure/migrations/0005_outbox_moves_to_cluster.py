"""The transactional outbox moved into the core (cluster.OutgoingMail): copy every row, sent or
waiting, so no queued e-mail is lost, then drop the old table."""

from django.db import migrations

FIELDS = ("id", "subject", "body", "recipients", "created_at", "sent_at", "attempts", "last_error")


def copy_to_cluster(apps, schema_editor):
    old = apps.get_model("disclosure", "OutgoingMail")
    new = apps.get_model("cluster", "OutgoingMail")
    batch = [new(**{name: getattr(row, name) for name in FIELDS}) for row in old.objects.all()]
    new.objects.bulk_create(batch, batch_size=500)
    if batch and schema_editor.connection.vendor == "postgresql":
        # Rows were copied with their ids: move the sequence past them.
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('cluster_outgoingmail', 'id'), "
                "(SELECT MAX(id) FROM cluster_outgoingmail))"
            )


def copy_back(apps, schema_editor):
    old = apps.get_model("disclosure", "OutgoingMail")
    new = apps.get_model("cluster", "OutgoingMail")
    old.objects.bulk_create(
        [old(**{name: getattr(row, name) for name in FIELDS}) for row in new.objects.all()],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0004_outgoing_mail"),
        ("cluster", "0006_outgoing_mail"),
    ]

    operations = [
        migrations.RunPython(copy_to_cluster, copy_back),
        migrations.DeleteModel(name="OutgoingMail"),
    ]
