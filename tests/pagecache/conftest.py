import pytest

from cluster.models import ColumnEntry
from tests.helpers import make_article, make_column, make_organisation

HOST = "www.localhost"
DEPT_HOST = "fgw.localhost"


def fetch(client, url, host=HOST, **extra):
    """(X-Cache header, decoded body) of an anonymous GET, asserting it succeeded."""
    response = client.get(url, HTTP_HOST=host, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response.get("X-Cache"), response.content.decode()


@pytest.fixture
def portal(db):
    return make_organisation("portal", hostname=HOST, name="云溪市人民政府")


@pytest.fixture
def dept(portal):
    return make_organisation(
        "fgw", hostname=DEPT_HOST, parent=portal, name="云溪市发展和改革委员会"
    )


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
