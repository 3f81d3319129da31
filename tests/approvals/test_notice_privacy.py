"""Approval notices and personal data: headings, the public search, unverifiable IDs, minors,
and the normalisation of reported values before they are checked."""

import datetime as dt

import pytest

from disclosure.approvals.models import ApprovalResult

from .builders import company_code, id_card, post, public_page, record

pytestmark = pytest.mark.backends

ADULT_ID = id_card(dt.date(1980, 5, 17), 456)
MINOR_ID = id_card(dt.date(2015, 6, 1), 321)
TYPO = "0" if MINOR_ID[-1] != "0" else "1"
MINOR_ID_TYPO = MINOR_ID[:-1] + TYPO  # the check character mistyped
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def person(organisation, number, **fields):
    values = {
        "holder_type": "自然人",
        "holder_name": "李秀英",
        "holder_credit_code": "",
        "legal_representative": "李秀英",
        "legal_representative_id_number": ADULT_ID,
        "holder_phone": "13907311234",
        "content": "准予李秀英从事个体诊所执业，联系电话13907311234",
        "licence_name": "医疗机构执业许可证",
    }
    return record(organisation, number, **(values | fields))


def results_of(response):
    return [(r["outcome"], [e["field"] for e in r["errors"]]) for r in response.json()["results"]]


@pytest.mark.django_db
def test_id_in_the_document_name_is_masked_in_heading_title_and_table(client, bureau, source):
    _source, token = source
    name = f"关于李秀英（身份证{ADULT_ID}）的执业许可决定书"
    response = post(client, token, [person(bureau, 1, decision_document_name=name)])
    assert response.json()["accepted"] == 1
    result = ApprovalResult.objects.get()
    status, page = public_page(client, f"/approvals/{result.id}/")
    assert status == 200
    assert ADULT_ID not in page and "李秀英" not in page
    masked = ADULT_ID[:6] + "********" + ADULT_ID[-4:]
    heading = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert masked in heading and "李**" in heading
    assert ADULT_ID not in title and "李秀英" not in title
    _status, listing = public_page(client, "/approvals/")
    assert "云溪建许〔2026〕1号" in listing and ADULT_ID not in listing


@pytest.mark.django_db
def test_public_search_never_finds_an_id_a_phone_or_a_persons_name(client, bureau, source):
    _source, token = source
    post(client, token, [person(bureau, 1, remarks=f"身份证{ADULT_ID}")])
    number = "云溪建许〔2026〕1号"
    for query in (ADULT_ID, ADULT_ID.translate(FULL_WIDTH), "13907311234", "李秀英", "秀英"):
        _status, page = public_page(client, f"/approvals/?q={query}")
        assert number not in page, query
    for query in ("个体诊所", "医疗机构执业许可证", "139****1234"):
        _status, page = public_page(client, f"/approvals/?q={query}")
        assert number in page, query


@pytest.mark.django_db
def test_a_minors_id_with_a_mistyped_check_digit_is_held_back(client, bureau, source):
    _source, token = source
    response = post(
        client,
        token,
        [person(bureau, 1, legal_representative_id_number=MINOR_ID_TYPO), person(bureau, 2)],
    )
    assert results_of(response) == [("accepted", []), ("accepted", [])]
    held = ApprovalResult.objects.get(decision_document_number="云溪建许〔2026〕1号")
    assert held.needs_review and not held.is_minor
    assert public_page(client, f"/approvals/{held.id}/")[0] == 404
    _status, listing = public_page(client, "/approvals/")
    assert "云溪建许〔2026〕1号" not in listing and "云溪建许〔2026〕2号" in listing


@pytest.mark.django_db
def test_legal_representative_id_numbers_are_validated(client, bureau, source):
    _source, token = source
    bad_check = ADULT_ID[:-1] + ("0" if ADULT_ID[-1] != "0" else "1")
    old = "430521800517123"  # 15-digit ID issued before 1999
    response = post(
        client,
        token,
        [
            record(bureau, 1, legal_representative_id_number=bad_check),
            record(bureau, 2, legal_representative_id_number="43052119801"),
            record(bureau, 3, legal_representative_id_number="430521198013171234"),
            record(bureau, 4, legal_representative_id_number=old),
            record(bureau, 5, legal_representative_id_number=ADULT_ID.translate(FULL_WIDTH)),
        ],
    )
    field = "legal_representative_id_number"
    assert results_of(response) == [
        ("rejected", [field]),
        ("rejected", [field]),
        ("rejected", [field]),
        ("accepted", []),
        ("accepted", []),
    ]
    reasons = [r["errors"][0]["reason"] for r in response.json()["results"][:3]]
    assert "校验位错误" in reasons[0]
    assert "应为18位" in reasons[1]
    assert "出生日期" in reasons[2]
    stored = ApprovalResult.objects.get(decision_document_number="云溪建许〔2026〕5号")
    assert stored.legal_representative_id_number == ADULT_ID
    _status, page = public_page(client, f"/approvals/{stored.id - 1}/")
    assert old not in page and "430521******123" in page


@pytest.mark.django_db
def test_full_width_ids_in_free_text_are_masked(client, bureau, source):
    _source, token = source
    wide = ADULT_ID.translate(FULL_WIDTH)
    post(client, token, [record(bureau, 1, remarks=f"经办人身份证{wide}，旧证430521800517123")])
    result = ApprovalResult.objects.get()
    _status, page = public_page(client, f"/approvals/{result.id}/")
    assert wide not in page and "430521800517123" not in page
    assert ADULT_ID[:6] + "********" + ADULT_ID[-4:] in page


@pytest.mark.django_db
def test_reported_values_are_normalised_before_checking(client, bureau, source):
    _source, token = source
    code = company_code(7)
    response = post(
        client,
        token,
        [
            record(
                bureau,
                1,
                holder_credit_code=code.translate(
                    str.maketrans(
                        "0123456789ABCDEFGHJKLMNPQRTUWXY",
                        "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹ",
                    )
                ),
                holder_type="\u3000法人及非法人组织\u200b",
                category="普通\u00a0",
                status=" 有效\ufeff",
                decision_date="2026/3/2",
                valid_from="2026年3月2日",
                valid_to="2027.3.1",
            ),
            record(bureau, 2, holder_credit_code="91439900MA0000000好"),
            record(bureau, 3, decision_date="2026-02-30"),
        ],
    )
    assert results_of(response) == [
        ("accepted", []),
        ("rejected", ["holder_credit_code"]),
        ("rejected", ["decision_date"]),
    ]
    reasons = [r["errors"][0]["reason"] for r in response.json()["results"][1:]]
    assert "不允许的字符" in reasons[0] and "substring" not in reasons[0]
    assert "不是有效的日期" in reasons[1]
    stored = ApprovalResult.objects.get()
    assert stored.holder_credit_code == code
    assert (stored.holder_type, stored.category, stored.status) == (
        "法人及非法人组织",
        "普通",
        "有效",
    )
    assert (str(stored.decision_date), str(stored.valid_from), str(stored.valid_to)) == (
        "2026-03-02",
        "2026-03-02",
        "2027-03-01",
    )


@pytest.mark.django_db
def test_duplicate_keys_in_a_batch_are_counted_from_one(client, bureau, source):
    _source, token = source
    response = post(client, token, [record(bureau, 1), record(bureau, 2), record(bureau, 1)])
    assert "本批第1、3条记录" in response.json()["results"][0]["errors"][0]["reason"]
