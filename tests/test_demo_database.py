"""The demo template's copy is used inside the block only (tests/demo_database.py).

Not in a module of the `demo_cluster` fixture: that one holds its own copy for the module.
"""

import pytest
from django.db import connection

from cluster.models import Organisation
from tests.conftest import DEMO_GROUP
from tests.demo_database import demo_database

pytestmark = [pytest.mark.backends, pytest.mark.xdist_group(DEMO_GROUP)]


def test_connection_returns_to_the_worker_database_unchanged(
    django_db_setup, django_db_blocker, tmp_path
):
    with django_db_blocker.unblock():
        own_name = connection.settings_dict["NAME"]
        before = Organisation.objects.count()
        with demo_database(connection, tmp_path):
            assert connection.settings_dict["NAME"] != own_name
            assert Organisation.objects.filter(slug="qsx").exists()
        assert connection.settings_dict["NAME"] == own_name
        assert Organisation.objects.count() == before
        assert not Organisation.objects.filter(slug="qsx").exists()
