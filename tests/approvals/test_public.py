"""Public notices: scope per site, filters and search, masking, minors, withdrawal."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from disclosure.approvals.models import ApprovalResult
from disclosure.approvals.tasks import withdraw_expired_notices

from .builders import id_card, make_source, post, public_page, record

pytestmark = pytest.mark.backends

PERSON_ID = id_card(dt.date(1980, 5, 17), 456)


def person(organisation, number, **fields):
    values = {
        "holder_type": "自然人",
        "holder_name": "李秀英",
        "holder_credit_code": "",
        "legal_representative": "李秀英",
        "legal_representative_id_number": PERSON_ID,
        "holder_address": "云溪市青山县城关镇解放路18号3单元",
        "holder_phone": "13907311234",
        "content": "准予从事个体诊所执业，联系电话13907311234",
        "licence_name": "医疗机构执业许可证",
    }
    return record(organisation, number, **(values | fields))


@pytest.fixture
def published(client, bureau, other_bureau):
    _source, token = make_source(bureau, other_bureau)
    response = post(
        client,
        token,
        [
            record(bureau, 1, category="普通", decision_date="2026-01-10", valid_from="2026-01-10"),
            record(bureau, 2, category="特许", content="准予燃气经营许可"),
            record(other_bureau, 3, category="核准", status="注销"),
            person(bureau, 4),
        ],
    )
    assert response.json()["accepted"] == 4
    return {r.decision_document_number: r for r in ApprovalResult.objects.all()}


@pytest.mark.django_db
def test_portal_lists_every_organisation(client, published):
    status, html = public_page(client, "/approvals/")
    assert status == 200
    for number in (1, 2, 3):
        assert f"云溪建许〔2026〕{number}号" in html
    assert "云溪市发展和改革委员会" in html or "fgw" in html


@pytest.mark.django_db
def test_department_site_lists_only_its_own(client, published):
    status, html = public_page(client, "/approvals/", host="spj.localhost")
    assert status == 200
    assert "云溪建许〔2026〕1号" in html and "云溪建许〔2026〕3号" not in html
    other = published["云溪建许〔2026〕3号"]
    assert public_page(client, f"/approvals/{other.id}/", host="spj.localhost")[0] == 404
    assert public_page(client, f"/approvals/{other.id}/", host="fgw.localhost")[0] == 200


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("category=特许", [2], [1, 3]),
        ("status=invalid", [3], [1, 2]),
        ("status=有效", [1, 2], [3]),
        ("date_from=2026-02-01", [2, 3], [1]),
        ("date_to=2026-01-31", [1], [2, 3]),
        ("q=燃气", [2], [1, 3]),
        ("q=第3建材", [3], [1, 2]),
    ],
)
@pytest.mark.django_db
def test_filters_and_search(client, published, query, shown, hidden):
    _status, html = public_page(client, f"/approvals/?{query}")
    for number in shown:
        assert f"云溪建许〔2026〕{number}号" in html
    for number in hidden:
        assert f"云溪建许〔2026〕{number}号" not in html


@pytest.mark.django_db
def test_organisation_filter_on_the_portal(client, published, other_bureau):
    _status, html = public_page(client, f"/approvals/?organisation={other_bureau.id}")
    assert "云溪建许〔2026〕3号" in html and "云溪建许〔2026〕1号" not in html


@pytest.mark.django_db
def test_bad_filter_input_is_explained(client, published):
    status, html = public_page(client, "/approvals/?date_from=2026-03-01&date_to=2026-02-01")
    assert status == 200 and "结束日期不能早于开始日期" in html


@pytest.mark.django_db
def test_natural_person_is_masked_on_the_rendered_pages(client, published):
    result = published["云溪建许〔2026〕4号"]
    _status, listing = public_page(client, "/approvals/")
    status, detail = public_page(client, f"/approvals/{result.id}/")
    assert status == 200
    for html in (listing, detail):
        assert "李秀英" not in html
        assert PERSON_ID not in html
        assert "13907311234" not in html
    assert "李**" in detail
    assert PERSON_ID[:6] + "********" + PERSON_ID[-4:] in detail
    assert "139****1234" in detail
    assert "解放路18号" not in detail and "云溪市青山县****" in detail


@pytest.mark.django_db
def test_natural_persons_name_is_not_searchable(client, published):
    _status, html = public_page(client, "/approvals/?q=李秀英")
    assert "云溪建许〔2026〕4号" not in html


@pytest.mark.django_db
def test_company_legal_representative_id_is_masked(client, published):
    result = published["云溪建许〔2026〕1号"]
    _status, html = public_page(client, f"/approvals/{result.id}/")
    full = id_card(dt.date(1975, 3, 8))
    assert full not in html and full[:6] + "********" + full[-4:] in html
    assert "王建国" in html  # a company's legal representative is public in 双公示


@pytest.mark.django_db
def test_masking_policy_is_configurable_but_never_below_the_floor(client, published, settings):
    result = published["云溪建许〔2026〕4号"]
    settings.APPROVALS_MASKING_POLICY = {"自然人": {"holder_name": "show"}}
    assert "李秀英" in public_page(client, f"/approvals/{result.id}/")[1]
    settings.APPROVALS_MASKING_POLICY = {"自然人": {"legal_representative_id_number": "show"}}
    with pytest.raises(ImproperlyConfigured):
        client.get(f"/approvals/{result.id}/", HTTP_HOST="www.localhost")


@pytest.mark.django_db
def test_minors_are_stored_but_never_published(client, bureau, source):
    _source, token = source
    child = id_card(dt.date(2012, 6, 1), 789)
    response = post(
        client,
        token,
        [
            person(bureau, 5, legal_representative_id_number=child),
            record(bureau, 6, minor=True),
        ],
    )
    assert response.json()["accepted"] == 2
    assert ApprovalResult.objects.filter(is_minor=True).count() == 2
    _status, html = public_page(client, "/approvals/")
    assert "云溪建许〔2026〕5号" not in html and "云溪建许〔2026〕6号" not in html
    for result in ApprovalResult.objects.all():
        assert public_page(client, f"/approvals/{result.id}/")[0] == 404


@pytest.mark.django_db
def test_notices_past_their_display_period_are_withdrawn(client, published, settings):
    old = published["云溪建许〔2026〕1号"]
    ApprovalResult.objects.filter(id=old.id).update(
        display_until=timezone.localdate() - dt.timedelta(days=1)
    )
    assert withdraw_expired_notices.delay().get() == 1
    assert public_page(client, f"/approvals/{old.id}/")[0] == 404
    assert "云溪建许〔2026〕1号" not in public_page(client, "/approvals/")[1]
    assert withdraw_expired_notices.delay().get() == 0


@pytest.mark.django_db
def test_old_decisions_arrive_already_withdrawn(client, bureau, source, settings):
    settings.APPROVALS_DISPLAY_DAYS = 30
    _source, token = source
    post(client, token, [record(bureau, 8, decision_date="2025-01-06", valid_from="2025-01-06")])
    assert ApprovalResult.objects.get().withdrawn_at is not None


@pytest.mark.django_db
def test_list_page_query_count_does_not_grow_with_rows(
    client, bureau, source, django_assert_max_num_queries
):
    _source, token = source
    post(client, token, [record(bureau, n) for n in range(1, 41)])
    client.get("/approvals/", HTTP_HOST="www.localhost")  # warm site and settings caches
    with django_assert_max_num_queries(12):
        response = client.get("/approvals/", HTTP_HOST="www.localhost")
    assert response.content.decode().count('href="/approvals/') >= 20


@pytest.mark.django_db
def test_notices_page_by_cursor_and_stay_put_when_new_ones_arrive(client, bureau, other_bureau):
    import re

    from disclosure.approvals.views import PAGE_SIZE

    _source, token = make_source(bureau, other_bureau)
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=n // 2) for n in range(PAGE_SIZE * 2 + 5)]
    records = [
        record(bureau, n, decision_date=f"{day:%Y-%m-%d}", valid_from=f"{day:%Y-%m-%d}")
        for n, day in enumerate(days, start=1)
    ]
    assert post(client, token, records).json()["accepted"] == len(records)

    def numbers(html):
        return [int(n) for n in re.findall(r"云溪建许〔2026〕(\d+)号", html)]

    def link(html, rel):
        found = re.search(rf'href="\?([^"]*)" rel="{rel}"', html)
        return found and found.group(1).replace("&amp;", "&")

    _status, first = public_page(client, "/approvals/?category=普通")
    assert "共 45 条" in first and link(first, "prev") is None
    newest_first = sorted(range(1, 46), key=lambda n: (days[n - 1], n), reverse=True)
    assert numbers(first) == newest_first[:PAGE_SIZE]
    after = link(first, "next")
    assert "category=" in after
    assert post(client, token, [record(bureau, 99, category="普通")]).json()["accepted"] == 1
    _status, second = public_page(client, f"/approvals/?{after}")
    assert numbers(second) == newest_first[PAGE_SIZE : PAGE_SIZE * 2]  # nothing shifted
    _status, back = public_page(client, f"/approvals/?{link(second, 'prev')}")
    assert numbers(back) == newest_first[:PAGE_SIZE]
    _status, last = public_page(client, f"/approvals/?{link(first, 'last')}")
    assert numbers(last) == newest_first[-PAGE_SIZE:] and link(last, "next") is None  # oldest
