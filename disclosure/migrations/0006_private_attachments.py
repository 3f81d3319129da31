"""Applicants' uploads and reply attachments move from the public media folder to private
storage under random names; every file is copied before its public copy is deleted."""

from django.core.files.storage import storages
from django.db import migrations, models

import disclosure.private_files


def _move(model, folder):
    public, private = storages["default"], storages["private"]
    for attachment in model.objects.exclude(file=""):
        old = attachment.file.name
        if private.exists(old) and not public.exists(old):
            continue  # already moved (a rerun after an interruption)
        if not public.exists(old):
            continue  # nothing on disk to move; keep the row as it is
        new = disclosure.private_files.random_name(folder, old)
        with public.open(old, "rb") as source:
            saved = private.save(new, source)
        attachment.file.name = saved
        attachment.save(update_fields=["file"])
        public.delete(old)


def move_to_private(apps, schema_editor):
    _move(apps.get_model("disclosure", "RequestAttachment"), "requests")
    _move(apps.get_model("disclosure", "ReplyAttachment"), "replies/attachments")


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0005_outbox_moves_to_cluster"),
    ]

    operations = [
        migrations.AlterField(
            model_name="replyattachment",
            name="file",
            field=models.FileField(
                max_length=200,
                storage=disclosure.private_files.private_storage,
                upload_to=disclosure.private_files.reply_attachment_path,
                verbose_name="附件",
            ),
        ),
        migrations.AlterField(
            model_name="requestattachment",
            name="file",
            field=models.FileField(
                max_length=200,
                storage=disclosure.private_files.private_storage,
                upload_to=disclosure.private_files.request_attachment_path,
                verbose_name="附件",
            ),
        ),
        # Moving back would publish applicants' papers again: the reverse leaves them private.
        migrations.RunPython(move_to_private, migrations.RunPython.noop),
    ]
