"""Applicants' uploads, reply letters and reply attachments: where they are kept, how they leave.

They live in the "private" storage (settings.STORAGES), never under MEDIA_ROOT, under random
names that say nothing about the application. Views check the right first (an officer or head
of the handling organisation through cluster.permissions.may, or the applicant holding the
number and access code) and then call file_response(): behind nginx it answers with an internal
redirect (settings.PRIVATE_FILES_ACCEL_HEADER) so large files do not stream through Python.
"""

import mimetypes
import uuid
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import storages
from django.http import FileResponse, HttpResponse


def private_storage():
    """The storage of files naming applicants (STORAGES["private"])."""
    return storages["private"]


def random_name(folder: str, filename: str) -> str:
    """A path under `folder` that keeps only the lower-cased extension of `filename`."""
    # The extension is kept (the type was checked on upload); the name is a random UUID so
    # neither the application number nor the applicant's file name can be guessed.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"{folder}/{uuid.uuid4().hex}{suffix}"


def request_attachment_path(instance, filename) -> str:
    """Upload path of a file filed with an application."""
    return random_name("requests", filename)


def reply_attachment_path(instance, filename) -> str:
    """Upload path of a file sent with a reply."""
    return random_name("replies/attachments", filename)


def file_response(field_file, download_name: str) -> HttpResponse:
    """Deliver a private file as a download named `download_name`."""
    content_type = mimetypes.guess_type(download_name)[0] or "application/octet-stream"
    header = settings.PRIVATE_FILES_ACCEL_HEADER
    if header:
        response = HttpResponse(content_type=content_type)
        prefix = settings.PRIVATE_FILES_ACCEL_PREFIX.rstrip("/")
        response[header] = f"{prefix}/{quote(field_file.name)}"
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(download_name)}"
    else:
        response = FileResponse(
            field_file.open("rb"),
            as_attachment=True,
            filename=download_name,
            content_type=content_type,
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def attachment_of(application, kind: str, pk: int):
    """The application's own upload ("request") or its reply's attachment ("reply"), or None."""
    if kind == "request":
        return application.files.filter(pk=pk).first()
    reply = getattr(application, "reply", None)
    if kind == "reply" and reply is not None:
        return reply.attachments.filter(pk=pk).first()
    return None
