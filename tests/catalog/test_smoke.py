import pytest

from tests.helpers import DEPT_HOST

from .factories import add_item, node

pytestmark = pytest.mark.django_db


def test_item_publishes_and_renders(client, dept):
    item = add_item(node(dept, "xzxk"), document_number="云政发[2025] 3号")
    assert item.index_number.endswith("-00001")
    response = client.get(item.url, HTTP_HOST=DEPT_HOST)
    assert response.status_code == 200, response.content[:2000]
    text = response.content.decode()
    assert "云政发〔2025〕3号" in text
    assert item.index_number in text
