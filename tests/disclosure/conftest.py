"""Every disclosure test starts with a fresh calendar cache and empty rate-limit counters."""

import pytest
from django.core.cache import cache

from cluster import workdays
from tests.helpers import make_user


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


@pytest.fixture
def czj(other_dept):
    """A second department (czj.localhost), whose staff must not reach fgw's applications."""
    return other_dept


@pytest.fixture
def officer(fgw):
    """fgw's 依申请公开经办人."""
    return make_user("fgw_officer", fgw, "officer")


@pytest.fixture
def head(fgw):
    """fgw's head of the disclosure office, who approves extensions and replies."""
    return make_user("fgw_head", fgw, "head")
