"""Shared pytest fixtures. Tests marked `services` need the real servers of `make test`."""

import os

import pytest

SERVICE_VARIABLES = ("DATABASE_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL")


def pytest_collection_modifyitems(config, items):
    missing = [name for name in SERVICE_VARIABLES if not os.environ.get(name)]
    if not missing:
        return
    skip = pytest.mark.skip(reason=f"services profile only (unset: {', '.join(missing)})")
    for item in items:
        if "services" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def demo_cluster(db):
    """The full demo cluster (portal, departments, county) with its accounts."""
    from cluster.demo.loader import load_demo

    load_demo(port=80, log=lambda message: None)
    from cluster.models import Organisation

    return {organisation.slug: organisation for organisation in Organisation.objects.all()}


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with no cached page (ids are reused after a rolled-back test)."""
    from cluster.pagecache import store

    store.clear()


@pytest.fixture
def page_cache_off(settings):
    """Serve every page freshly (for tests that measure rendering, e.g. query budgets)."""
    settings.PAGECACHE_ENABLED = False
