"""The shared data generator: counts, determinism, valid metadata, and pages that serve it."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from bench.generator import ACCESS_CODE, Counts, generate
from catalog.index_numbers import allocate_index_number
from catalog.models import DisclosureItemPage
from cluster.models import ArticlePage, Organisation
from cluster.validators import is_valid_credit_code
from disclosure.approvals.models import ApprovalResult
from disclosure.models import DisclosureRequest, Reply
from disclosure.registration import allocate_request_number
from search.models import SearchEntry

pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.backends]

SMALL = Counts(organisations=3, items=200, articles=40, approvals=30, requests=20)
# Determinism is about the choices, not the volume: three generations of this are enough.
TINY = Counts(organisations=3, items=60, articles=12, approvals=10, requests=8)


def snapshot() -> dict:
    """What the generator wrote, without database ids."""
    return {
        "organisations": list(
            Organisation.objects.order_by("slug").values_list("slug", "name", "credit_code")
        ),
        "items": list(
            DisclosureItemPage.objects.order_by("index_number").values_list(
                "index_number",
                "title",
                "publish_date",
                "document_number",
                "topic__code",
                "genre",
                "validity",
                "url_path",
            )
        ),  # fmt: skip
        "articles": sorted(ArticlePage.objects.values_list("url_path", "title", "body")),
        "approvals": sorted(
            ApprovalResult.objects.values_list("decision_document_number", "holder_name")
        ),
        "requests": sorted(DisclosureRequest.objects.values_list("number", "description")),
    }


def generated(seed: int) -> dict:
    """The snapshot of a generation that is then rolled back."""
    with transaction.atomic():
        generate(TINY, seed=seed, log=lambda message: None)
        data = snapshot()
        transaction.set_rollback(True)
    return data


def test_same_seed_gives_the_same_data_and_another_seed_other_data():
    first, again, other = generated(1), generated(1), generated(2)
    assert first == again
    assert first["organisations"] == other["organisations"]
    assert first["items"] != other["items"] and first["articles"] != other["articles"]


def test_command_generates_the_counts_with_valid_metadata(client):
    out = io.StringIO()
    call_command(
        "generate_cluster", organisations=3, items=200, articles=40, approvals=30, requests=20,
        no_progress=True, stdout=out,
    )  # fmt: skip
    assert "公开信息 200 条" in out.getvalue()
    organisations = list(Organisation.objects.order_by("sort_order"))
    assert [o.slug for o in organisations] == ["portal", "fgw", "spj"]
    assert all(is_valid_credit_code(o.credit_code) for o in organisations)
    assert all(o.site and o.home_page.live for o in organisations)
    assert DisclosureItemPage.objects.count() == 200
    assert ArticlePage.objects.count() == 40
    assert ApprovalResult.objects.count() == 30
    assert DisclosureRequest.objects.count() == 20
    assert Reply.objects.count() == DisclosureRequest.objects.filter(state="replied").count()
    numbers = list(DisclosureItemPage.objects.values_list("index_number", flat=True))
    assert len(set(numbers)) == 200 and None not in numbers
    fgw = organisations[1]
    for item in DisclosureItemPage.objects.filter(organisation=fgw)[:20]:
        assert item.index_number.startswith(fgw.credit_code + "/")
        assert item.organisation_id == item.get_parent().specific.catalog_root.organisation_id
    # the generator numbers through cluster.numbering: the product continues without a clash
    replies = list(Reply.objects.values_list("document_number", flat=True))
    assert replies and "" not in replies and len(set(replies)) == len(replies)
    generated_numbers = set(DisclosureRequest.objects.values_list("number", flat=True))
    for request in DisclosureRequest.objects.filter(organisation=fgw):
        with transaction.atomic():
            following = allocate_request_number(fgw, request.received_on.year)
        assert following not in generated_numbers
    with transaction.atomic():
        following_index = allocate_index_number(fgw, item.publish_date)
    assert following_index not in numbers
    # every organisation has its share of each kind
    for organisation in organisations:
        assert DisclosureItemPage.objects.filter(organisation=organisation).exists()
        assert ArticlePage.objects.descendant_of(organisation.home_page).exists()


def test_public_pages_serve_the_generated_data(client):
    generate(SMALL, seed=3, log=lambda message: None)
    item = DisclosureItemPage.objects.filter(organisation__slug="fgw").order_by("-path").first()
    page = client.get(item.url, HTTP_HOST="fgw.localhost")
    assert page.status_code == 200
    assert item.title in page.content.decode() and item.index_number in page.content.decode()
    listing = client.get(item.get_parent().url, HTTP_HOST="fgw.localhost").content.decode()
    assert item.title in listing
    article = ArticlePage.objects.descendant_of(Organisation.objects.get(slug="spj").home_page)
    article = article.order_by("-first_published_at").first()
    response = client.get(article.url, HTTP_HOST="spj.localhost")
    assert response.status_code == 200 and article.title in response.content.decode()
    notice = ApprovalResult.objects.public().select_related("organisation").first()
    host = f"{notice.organisation.slug}.localhost"
    assert (
        notice.decision_document_number
        in client.get("/approvals/", HTTP_HOST=host).content.decode()
    )
    assert client.get(notice.get_absolute_url(), HTTP_HOST=host).status_code == 200
    request = DisclosureRequest.objects.order_by("number").first()
    status = client.post(
        "/ysqgk/status/", {"number": request.number, "code": ACCESS_CODE}, HTTP_HOST="localhost"
    ).content.decode()
    assert request.get_state_display() in status and "查询码不正确" not in status


def test_search_reindex_indexes_the_generated_content():
    generate(SMALL, seed=4, log=lambda message: None)
    call_command("search_reindex", no_progress=True, stdout=io.StringIO())
    assert SearchEntry.objects.filter(content_type="disclosure_item").count() == 200
    assert SearchEntry.objects.filter(content_type="article").count() >= 40
    assert SearchEntry.objects.filter(content_type="approval_result").count() == 30
    out = io.StringIO()
    call_command("search_bench", queries=20, stdout=out)
    assert "后端 database：检索记录" in out.getvalue() and "p95" in out.getvalue()
