"""Point 4: the read-only JSON API (list with filters, detail by 索引号) and its OpenAPI."""

import datetime as dt

import pytest

from catalog.relations import link_interpretation

from .factories import add_item, node, topic

pytestmark = [pytest.mark.django_db, pytest.mark.backends]


@pytest.fixture
def items(dept, other_dept):
    policy = add_item(node(dept, "gzhgfxwj"), title="发改委政策", publish_date=dt.date(2025, 5, 6))
    interpretation = add_item(
        node(dept, "gzhgfxwj"), title="发改委政策解读", genre="interpretation"
    )
    link_interpretation(interpretation, policy)
    add_item(node(other_dept, "czyjs"), title="财政预算", topic=topic("0401"))
    add_item(node(dept, "xzxk"), title="草稿不公开", publish=False)
    return policy, interpretation


def test_list_filters_and_hides_drafts(client, items):
    data = client.get("/api/catalog/items").json()
    titles = {item["title"] for item in data["items"]}
    assert titles == {"发改委政策", "发改委政策解读", "财政预算"}
    by_org = client.get("/api/catalog/items", {"org": "czj"}).json()["items"]
    assert [item["title"] for item in by_org] == ["财政预算"]
    by_year = client.get("/api/catalog/items", {"year": 2025}).json()["items"]
    assert [item["title"] for item in by_year] == ["发改委政策"]
    by_genre = client.get("/api/catalog/items", {"genre": "interpretation"}).json()["items"]
    assert [item["title"] for item in by_genre] == ["发改委政策解读"]


def test_list_pages_with_cursor(client, items):
    first = client.get("/api/catalog/items", {"limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = client.get("/api/catalog/items", {"limit": 2, "after": first["next_cursor"]}).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
    seen = {i["index_number"] for i in first["items"] + rest["items"]}
    assert len(seen) == 3


def test_detail_by_index_number_with_links_both_ways(client, items):
    policy, interpretation = items
    detail = client.get(f"/api/catalog/items/{policy.index_number}").json()
    assert detail["title"] == "发改委政策"
    assert detail["organisation"] == "云溪市发展和改革委员会"
    assert detail["interpretations"] == [interpretation.index_number]
    back = client.get(f"/api/catalog/items/{interpretation.index_number}").json()
    assert back["interprets"] == [policy.index_number]
    assert client.get("/api/catalog/items/nope/2025-00001").status_code == 404


def test_openapi_documents_the_catalog(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/catalog/items" in schema["paths"]
    assert any(path.startswith("/api/catalog/items/{") for path in schema["paths"])
