"""The production profile passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.backends

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_production_profile_passes_check_deploy():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cluster.settings.production",
        "DJANGO_SECRET_KEY": "x" * 64 + "-not-a-real-secret-but-long-and-varied-0123456789",
        "DJANGO_ALLOWED_HOSTS": "www.example.gov.cn",
        "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/db",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
