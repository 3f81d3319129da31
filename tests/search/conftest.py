"""Fixtures for search tests: a small cluster with articles, indexed on commit."""

import pytest

from search import service


@pytest.fixture(autouse=True)
def _fresh_breaker():
    service.reset_breaker()
    yield
    service.reset_breaker()


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run the indexing callbacks queued by page signals inside the block (as on commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
