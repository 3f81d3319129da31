"""Admin: synonyms, pins and the cluster-wide query report, for platform admins."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from search import service
from search.models import QueryLog, SynonymGroup
from tests.helpers import make_user

pytestmark = pytest.mark.backends


def admin_client(user):
    client = Client()
    client.force_login(user)
    return client


def test_platform_admin_sees_popular_and_zero_result_queries(small_cluster):
    QueryLog.objects.create(query="营商环境", count=7, last_hits=1)
    QueryLog.objects.create(query="火星探测", count=2, zero_result_count=2)
    # the log is cluster-wide: an organisation's editor or admin would see other sites' queries
    for role in ("editor", "admin"):
        user = make_user(f"fgw_{role}", small_cluster["fgw"], role)
        refused = admin_client(user).get("/admin/search-queries/", follow=True)
        # Wagtail turns the refusal into a redirect to the dashboard with its message
        assert refused.redirect_chain[-1][0] == "/admin/"
        assert "营商环境" not in refused.content.decode()
    root = get_user_model().objects.create_superuser("root", password="pw")
    response = admin_client(root).get("/admin/search-queries/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "热门检索词" in html and "营商环境" in html
    zero_section = html[html.index("无结果检索词") :]
    assert "火星探测" in zero_section and "营商环境" not in zero_section


def test_platform_admin_adds_a_synonym_that_search_uses_at_once(small_cluster):
    admin = get_user_model().objects.create_superuser("root", password="pw")
    client = admin_client(admin)
    assert service.search("发改委 投资").relaxed
    response = client.post(
        "/admin/snippets/search/synonymgroup/add/", {"terms": "发改委，发展和改革委员会"}
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.get().term_list() == ["发改委", "发展和改革委员会"]
    assert not service.search("发改委 投资").relaxed


def test_editors_cannot_edit_synonyms(small_cluster):
    editor = make_user("editor", small_cluster["fgw"], "editor")
    response = admin_client(editor).get("/admin/snippets/search/synonymgroup/add/")
    assert response.status_code in (302, 403)
    assert not SynonymGroup.objects.exists()
