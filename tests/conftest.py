"""Shared pytest fixtures. Tests marked `services` need the real servers of `make test`."""

import os

import pytest

from tests.helpers import DEPT_HOST, PORTAL_HOST, make_organisation

SERVICE_VARIABLES = ("DATABASE_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL")
DEMO_GROUP = "demo"  # pytest-xdist group of the tests that use the demo template


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    for item in items:
        if "demo_cluster" in getattr(item, "fixturenames", ()):
            # The demo modules share one worker: only it waits for the demo template (built in
            # the background by `make test`, or by that worker) while the other runs other tests.
            item.add_marker(pytest.mark.xdist_group(DEMO_GROUP))
    missing = [name for name in SERVICE_VARIABLES if not os.environ.get(name)]
    if not missing:
        return
    skip = pytest.mark.skip(reason=f"services profile only (unset: {', '.join(missing)})")
    for item in items:
        if "services" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_modify_db_settings,
    tmp_path_factory,
):
    """pytest-django's test databases, each a copy of a migrated template (tests/database.py)."""
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    from tests import database

    verbosity = request.config.option.verbose
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    if any("demo_server" in getattr(item, "fixturenames", ()) for item in request.session.items):
        # The browser tests' demo server is a copy of the demo template, which is built from
        # the migrated template: needed even when no test of the run uses the database itself.
        aliases.add("default")
    if not django_db_use_migrations:
        _disable_migrations()
    templated = django_db_use_migrations and not django_db_keepdb
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with django_db_blocker.unblock():
        for alias in aliases if templated else ():
            workdir = tmp_path_factory.mktemp("test-db")
            database.prepare_from_template(alias, worker, workdir, verbosity)
        databases = setup_databases(
            verbosity=verbosity,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
            keepdb=templated or django_db_keepdb,  # keep the copy: nothing left to migrate
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(databases, verbosity=verbosity)


@pytest.fixture(scope="module")
def demo_cluster(django_db_setup, django_db_blocker, tmp_path_factory):
    """The full demo cluster (portal, departments, county) with its accounts.

    Loading it takes most of a minute, so it is loaded once per database vendor and each module
    gets a copy of it (tests/demo_database.py), in a transaction rolled back after the module;
    each test still runs in its own savepoint (the `db` fixture). Wagtail's own search index is
    filled too (for the modules marked `wagtail_search_index`).
    """
    from django.db import connection, transaction

    from cluster.models import Organisation
    from tests.demo_database import demo_database

    workdir = tmp_path_factory.mktemp("demo-db")
    with django_db_blocker.unblock(), demo_database(connection, workdir):
        loaded = transaction.atomic()
        loaded.__enter__()
        try:
            yield {organisation.slug: organisation for organisation in Organisation.objects.all()}
        finally:
            transaction.set_rollback(True)
            loaded.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with no cached page (ids are reused after a rolled-back test)."""
    from cluster.pagecache import store

    store.clear()


@pytest.fixture(autouse=True)
def _fresh_site_table():
    """Each test starts with no Site table kept in memory (rolled-back sites reuse ids)."""
    from cluster import site_table

    site_table.forget()


@pytest.fixture(autouse=True)
def _celery_join_guard_off():
    """Each test starts with Celery's "never call result.get() within a task" guard off.

    The guard is one process-wide flag that eager `apply_async` sets and restores around the
    task; two server threads running eager tasks at once (live-server tests) can restore it in
    the wrong order and leave it on, so a later test waiting on a real worker's result would be
    refused although it is no task.
    """
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)


@pytest.fixture
def real_provisioning(monkeypatch):
    """Build organisations for real, signals and all (tests of indexing, purging, provisioning)."""
    from tests import snapshots

    monkeypatch.setattr(snapshots, "enabled", False)


@pytest.fixture
def wagtail_search_index(settings):
    """Keep Wagtail's own search index (admin search) current: the test profile turns it off."""
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**backend, "AUTO_UPDATE": True}
        for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }


@pytest.fixture
def page_cache_off(settings):
    """Serve every page freshly (for tests that measure rendering, e.g. query budgets)."""
    settings.PAGECACHE_ENABLED = False


@pytest.fixture
def portal(db):
    """The city portal (www.localhost)."""
    return make_organisation("portal", hostname=PORTAL_HOST, name="云溪市人民政府")


@pytest.fixture
def dept(portal):
    """A department site under the portal (fgw.localhost)."""
    return make_organisation(
        "fgw", hostname=DEPT_HOST, parent=portal, name="云溪市发展和改革委员会"
    )


@pytest.fixture
def other_dept(portal):
    """A second department (czj.localhost), for tests of what one department may not do."""
    return make_organisation("czj", hostname="czj.localhost", parent=portal, name="云溪市财政局")
