"""A module's copy of the demo template (tests/demo_database.py) is the whole demo, files too."""

import pytest
from django.apps import apps
from django.db import models

# The template is a file copy on SQLite and `CREATE DATABASE … TEMPLATE` on PostgreSQL.
pytestmark = pytest.mark.backends


def stored_files():
    """(model, field, name) of every file a row of the database refers to."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names = model.objects.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                for name in names:
                    yield model, field, name


@pytest.mark.django_db
def test_copy_has_every_organisation_and_every_file_its_rows_name(demo_cluster):
    assert set(demo_cluster) == {"portal", "fgw", "spj", "czj", "qsx"}
    files = list(stored_files())
    # The demo's applications carry identity papers and replies (private storage).
    assert len(files) >= 20
    missing = [
        (model.__name__, name)
        for model, field, name in files
        if not field.storage.exists(name)  # public media or private storage, as the field says
    ]
    assert missing == []
