import pytest

from cluster.models import ColumnEntry
from tests.helpers import make_article, make_column


@pytest.fixture
def columns(portal):
    """News and notices (the notice column shows one news article by reference), and policies."""
    home = portal.home_page
    news = make_column(home, "news", title="要闻动态")
    notices = make_column(home, "notices", title="通知公告")
    policies = make_column(home, "policies", title="政策文件")
    shared = make_article(news, "shared", title="共享文章甲")
    ColumnEntry.objects.create(column=notices, page=shared)
    make_article(policies, "rule", title="无关的政策")
    return {"news": news, "notices": notices, "policies": policies, "shared": shared}
