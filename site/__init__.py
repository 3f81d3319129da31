"""Cluster core: organisations, sites, per-site settings, themes and base page types.

This package lives in the folder ``site/`` but is imported as ``cluster``, because ``site``
is a standard-library module (see docs/architecture.md).
"""

from .celery import app as celery_app

__all__ = ["celery_app"]
