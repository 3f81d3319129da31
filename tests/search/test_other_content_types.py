"""Approval-result notices and published replies are searchable as the public sees them."""

import datetime as dt

import pytest

from catalog.models import DisclosureItemPage
from disclosure.approvals.ingest import ingest
from disclosure.approvals.models import ApprovalResult
from disclosure.approvals.tasks import withdraw_expired_notices
from search import service
from tests.approvals.builders import id_card, make_source, record
from tests.helpers import make_organisation

pytestmark = pytest.mark.backends


@pytest.fixture
def bureau(db):
    portal = make_organisation("portal", hostname="www.example.gov.cn")
    return make_organisation(
        "spj", hostname="spj.example.gov.cn", parent=portal, name="云溪市行政审批服务局"
    )


def test_ingested_notices_are_found_by_document_number_and_licence(bureau, indexed):
    source, _token = make_source(bureau)
    with indexed():
        outcomes = ingest(source, [record(bureau, 7, licence_name="食品经营许可证")])
    assert outcomes[0].outcome == "accepted"
    results = service.search("云溪建许〔2026〕7号")
    assert [hit.title for hit in results.hits] == [
        "建筑工程施工许可决定书（云溪市第7建材有限公司）"
    ]
    assert service.search("食品经营许可证").total == 1


def test_a_natural_persons_name_is_indexed_masked_only(bureau, indexed):
    source, _token = make_source(bureau)
    person = record(
        bureau, 8, holder_name="李秀英", holder_type="自然人", holder_credit_code="",
        legal_representative="", legal_representative_id_number=id_card(dt.date(1980, 1, 1)),
    )  # fmt: skip
    with indexed():
        ingest(source, [person])
    assert service.search("李秀英").total == 0
    hits = service.search("云溪建许〔2026〕8号").hits
    assert hits and "李秀英" not in hits[0].title and hits[0].title.endswith("（李**）")


def test_withdrawn_notices_leave_the_index(bureau, indexed):
    source, _token = make_source(bureau)
    with indexed():
        ingest(source, [record(bureau, 9)])
    ApprovalResult.objects.update(display_until="2020-01-01")
    with indexed():
        assert withdraw_expired_notices() == 1
    assert service.search("云溪建许〔2026〕9号").total == 0


def test_disclosure_items_are_found_with_their_catalog_facets(db, indexed):
    from catalog.models import CatalogNodePage
    from tests.catalog.factories import add_item

    portal = make_organisation("portal", hostname="www.example.gov.cn")
    department = make_organisation("fgw", hostname="fgw.example.gov.cn", parent=portal)
    node = CatalogNodePage.objects.descendant_of(department.home_page).get(article20_item=3)
    with indexed():
        add_item(
            node, title="云溪市国土空间总体规划（2021—2035年）", document_number="云政发〔2026〕3号"
        )
    results = service.search("国土空间总体规划")
    [hit] = results.hits
    assert hit.title == "云溪市国土空间总体规划（2021—2035年）"
    assert dict(results.facets["validity"]) == {"有效": 1}
    assert service.search("云政发〔2026〕3号").total == 1
    in_node = service.search("规划", node_path=node.path)
    assert in_node.total == 1


def test_an_item_past_its_validity_date_is_reindexed_as_expired(db, indexed):
    from catalog.models import CatalogNodePage
    from catalog.tasks import refresh_expired_items
    from tests.catalog.factories import add_item

    portal = make_organisation("portal", hostname="www.example.gov.cn")
    department = make_organisation("fgw", hostname="fgw.example.gov.cn", parent=portal)
    node = CatalogNodePage.objects.descendant_of(department.home_page).get(article20_item=1)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    with indexed():
        add_item(
            node, title="云溪市临时交通管制措施", written_date=yesterday - dt.timedelta(days=30)
        )
        add_item(node, title="云溪市长期交通管理办法")
    # Published while valid; the 有效期 then ends (a stale record, as on the morning after).
    item = DisclosureItemPage.objects.get(title="云溪市临时交通管制措施")
    DisclosureItemPage.objects.filter(id=item.id).update(valid_until=yesterday)
    assert dict(service.search("交通").facets["validity"]) == {"有效": 2}
    with indexed():
        assert refresh_expired_items() == 1
    assert dict(service.search("交通").facets["validity"]) == {"有效": 1, "失效": 1}
