"""Any registered model is searchable: its saves reach the index (the path that
approval-result notices and published replies will take)."""

import pytest

from cluster.models import Organisation
from search import registry, service
from search.documents import SearchDocument
from search.registry import SearchRecord, SearchSource

pytestmark = pytest.mark.backends


class OrganisationSource(SearchSource):
    """A stand-in for a plain-model content type such as approval-result notices."""

    label = "test_organisation"
    verbose_name = "机构"
    model = Organisation
    document = SearchDocument

    def queryset(self):
        return Organisation.objects.filter(home_page__live=True)

    def record(self, organisation):
        return SearchRecord(
            key=self.key_for(organisation),
            content_type=self.label,
            title=organisation.name,
            body=organisation.office_address,
            url=organisation.home_page.get_full_url(),
            organisation_id=organisation.id,
            organisation=organisation.name,
            scope_path=organisation.home_page.path,
            topic="综合政务",
            validity="有效",
        )


@pytest.fixture
def organisation_source():
    registry.register(OrganisationSource)
    yield
    registry.unregister(OrganisationSource.label)


def test_saving_a_registered_model_updates_search(organisation_source, small_cluster, indexed):
    fgw = small_cluster["fgw"]
    with indexed():
        fgw.office_address = "示例市迎宾大道88号"
        fgw.save()
    results = service.search("迎宾大道")
    assert [hit.title for hit in results.hits] == ["示例市发展和改革委员会"]
    assert dict(results.facets["topic"]) == {"综合政务": 1}
    assert dict(results.facets["content_type"]) == {"test_organisation": 1}
    fgw.home_page.unpublish()  # no longer public: the next save drops it from the index
    with indexed():
        fgw.save()
    assert service.search("迎宾大道").total == 0
