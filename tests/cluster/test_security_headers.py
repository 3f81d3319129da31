"""Content-Security-Policy and Permissions-Policy as served (the browser test checks that
pages work under them)."""

import pytest

from tests.helpers import DEPT_HOST

pytestmark = pytest.mark.django_db


def headers_of(client, path, host=DEPT_HOST):
    response = client.get(path, HTTP_HOST=host)
    print(f"\n{path} {response.status_code}")
    for name in ("Content-Security-Policy", "Permissions-Policy"):
        print(f"  {name}: {response.headers.get(name)}")
    return response


def test_public_pages_allow_only_this_host_and_no_inline_script(client, dept):
    response = headers_of(client, "/")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self';" in policy
    assert "style-src 'self';" in policy and "unsafe-inline" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "<script>" not in response.content.decode()  # theme scripts are static files


def test_admin_has_its_own_policy_still_limited_to_this_host(client, dept):
    response = headers_of(client, "/admin/login/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "http" not in policy
    assert "gravatar" not in response.content.decode()


def test_api_docs_load_bundled_files_not_a_cdn(client, dept):
    response = headers_of(client, "/api/docs")
    assert response.status_code == 200
    assert "cdn." not in response.content.decode()
    assert "script-src 'self';" in response.headers["Content-Security-Policy"]
