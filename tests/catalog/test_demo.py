import pytest

from catalog.models import DisclosureItemPage, Validity

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_gives_each_organisation_30_items_with_interpretations_and_repealed(demo_cluster):
    for organisation in demo_cluster.values():
        items = DisclosureItemPage.objects.live().filter(organisation=organisation)
        assert items.count() >= 30
        assert items.filter(validity=Validity.REPEALED).exists()
        assert items.filter(interpreted_policy_links__isnull=False).exists()
        assert items.exclude(index_number=None).count() == items.count()


def test_demo_item_page_shows_both_link_directions(demo_cluster, client):
    interpretation = DisclosureItemPage.objects.filter(
        organisation=demo_cluster["fgw"], interpreted_policy_links__isnull=False
    ).first()
    policy = interpretation.interpreted_policy_links.get().policy
    host = policy.get_site().hostname
    assert interpretation.title in client.get(policy.url, HTTP_HOST=host).content.decode()
    assert policy.title in client.get(interpretation.url, HTTP_HOST=host).content.decode()
