"""Every disclosure test starts with a fresh calendar cache and empty rate-limit counters."""

import pytest
from django.core.cache import cache

from cluster import workdays


@pytest.fixture(autouse=True)
def fresh_caches(db):
    workdays.clear_cache()
    cache.clear()
    yield
    workdays.clear_cache()


@pytest.fixture
def fgw(dept):
    """The department that receives the applications (fgw.localhost, under the portal)."""
    return dept
