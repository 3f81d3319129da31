"""The test helpers' replay of provisioning writes exactly the rows a real build writes."""

from contextlib import contextmanager

import pytest
from django.contrib.auth.models import Group
from django.db import transaction

from catalog.models import CatalogRootPage
from cluster.models import Organisation
from tests import helpers, snapshots


@contextmanager
def rolled_back():
    """A savepoint undone at the end, as the test transaction is undone after each test."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def every_row() -> dict:
    return {table.name: snapshots._rows(table) for table in snapshots._all_tables()}


@pytest.fixture
def builds(monkeypatch):
    """Counts real provisioning runs (a replay runs none)."""
    calls = []
    real = helpers.provision_organisation

    def counted(*args, **kwargs):
        calls.append(args[0].slug)
        return real(*args, **kwargs)

    monkeypatch.setattr(helpers, "provision_organisation", counted)
    return calls


def build_pair():
    city = helpers.make_organisation("replaycity", hostname="replay.localhost")
    helpers.make_organisation("replaydept", hostname="replaydept.localhost", parent=city)
    return every_row()


def test_a_replay_writes_the_rows_of_the_recorded_build(db, builds):
    with rolled_back():
        recorded = build_pair()  # for real, unless another test recorded this state already
    built = len(builds)
    with rolled_back():
        replayed = build_pair()
        department = Organisation.objects.get(slug="replaydept")
        assert CatalogRootPage.objects.get(organisation=department).get_parent().specific == (
            department.home_page.specific
        )
    assert len(builds) == built  # nothing provisioned the second time
    assert replayed == recorded


def test_another_starting_state_is_built_for_real(db, builds):
    with rolled_back():
        build_pair()
    built = len(builds)
    with rolled_back():
        Group.objects.create(name="先于门户创建的用户组")
        build_pair()
    assert builds[built:] == ["replaycity", "replaydept"]


def test_transactions_that_commit_and_tests_of_provisioning_build_for_real(
    db, builds, real_provisioning
):
    with rolled_back():
        build_pair()
    with rolled_back():
        build_pair()
    assert builds == ["replaycity", "replaydept"] * 2


def test_an_organisation_without_its_catalog_has_sites_and_groups_only(db):
    bare = helpers.make_organisation("bare", hostname="bare.localhost", catalog=False)
    assert bare.site.hostname == "bare.localhost"
    assert bare.role_groups.exists()
    assert not CatalogRootPage.objects.filter(organisation=bare).exists()
    full = helpers.make_organisation("full", hostname="full.localhost", parent=bare)
    assert CatalogRootPage.objects.filter(organisation=full).exists()  # receiver reconnected
