"""POST /api/approvals/results/: per-record outcomes, idempotency, bad input."""

import datetime as dt

import pytest
from django.utils import timezone

from disclosure.approvals.models import ApprovalResult, ApprovalResultChange

from .builders import make_source, post, record

pytestmark = pytest.mark.backends


def outcomes(response):
    return [(r["outcome"], [e["field"] for e in r["errors"]]) for r in response.json()["results"]]


def reasons(response, index):
    return " ".join(e["reason"] for e in response.json()["results"][index]["errors"])


@pytest.mark.django_db
def test_valid_batch_is_accepted_and_stored(client, bureau, source):
    _source, token = source
    response = post(client, token, [record(bureau, n) for n in range(1, 4)])
    assert response.status_code == 200
    body = response.json()
    assert (body["received"], body["accepted"], body["rejected"]) == (3, 3, 0)
    stored = ApprovalResult.objects.get(decision_document_number="云溪建许〔2026〕2号")
    assert stored.organisation == bureau
    assert stored.holder_name == "云溪市第2建材有限公司"
    assert body["results"][1]["id"] == stored.id


@pytest.mark.django_db
def test_same_batch_twice_changes_nothing(client, bureau, source):
    _source, token = source
    batch = [record(bureau, n) for n in range(1, 6)]
    post(client, token, batch)
    before = list(ApprovalResult.objects.order_by("id").values())
    response = post(client, token, batch)
    assert response.json()["unchanged"] == 5
    assert list(ApprovalResult.objects.order_by("id").values()) == before
    assert not ApprovalResultChange.objects.exists()


@pytest.mark.django_db
def test_changed_record_is_updated_with_history(client, bureau, source):
    _source, token = source
    post(client, token, [record(bureau, 1)])
    response = post(client, token, [record(bureau, 1, content="准予建筑工程施工许可（变更）")])
    assert outcomes(response) == [("updated", [])]
    assert ApprovalResult.objects.count() == 1
    change = ApprovalResultChange.objects.get()
    assert change.changes == {"content": ["准予建筑工程施工许可", "准予建筑工程施工许可（变更）"]}


@pytest.mark.django_db
def test_revocation_updates_the_public_notice(client, bureau, source):
    _source, token = source
    post(client, token, [record(bureau, 1)])
    response = post(client, token, [record(bureau, 1, status="撤销", status_date="2026-04-01")])
    assert outcomes(response) == [("updated", [])]
    result = ApprovalResult.objects.get()
    assert result.status == "撤销" and result.status_published_at is not None
    page = client.get(f"/approvals/{result.id}/", HTTP_HOST="spj.localhost")
    assert "已撤销" in page.content.decode()


@pytest.mark.django_db
def test_chinese_field_names_are_accepted(client, bureau, source):
    _source, token = source
    from disclosure.approvals.fields import FIELD_TITLES

    chinese = {FIELD_TITLES[key]: value for key, value in record(bureau, 7).items()}
    response = post(client, token, [chinese])
    assert outcomes(response) == [("accepted", [])]


BAD_RECORDS = [
    ("missing field", {"holder_name": None}, "holder_name", "应为文本"),
    ("wrong type", {"licence_number": 4399002026}, "licence_number", "应为文本"),
    ("bad enum", {"category": "一般"}, "category", "取值应为"),
    ("unknown field", {"colour": "red"}, "colour", "不是已定义的字段"),
    ("bad date", {"decision_date": "02/03/2026"}, "decision_date", "日期格式"),
    (
        "check char",
        {"holder_credit_code": "91439900MA0000001X"},
        "holder_credit_code",
        "校验位错误",
    ),
    (
        "unknown org",
        {"authority_credit_code": "11100000000013127D"},
        "authority_credit_code",
        "未对应",
    ),
    ("valid range", {"valid_from": "2027-05-01"}, "valid_from", "晚于有效期至"),
    ("html", {"content": "准予<script>alert(1)</script>"}, "content", "HTML"),
    ("html attr", {"holder_name": "公司<img src=x onerror=1>"}, "holder_name", "HTML"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("label", "change", "field", "reason"), BAD_RECORDS, ids=[b[0] for b in BAD_RECORDS]
)
def test_bad_record_is_rejected_and_the_rest_stored(
    client, bureau, source, label, change, field, reason
):
    _source, token = source
    bad = record(bureau, 2) | change
    if change.get("holder_name", "") is None:
        del bad["holder_name"]
        reason = "缺少必填字段"
    response = post(client, token, [record(bureau, 1), bad, record(bureau, 3)])
    assert response.status_code == 200
    assert outcomes(response) == [("accepted", []), ("rejected", [field]), ("accepted", [])]
    assert reason in reasons(response, 1)
    assert ApprovalResult.objects.count() == 2


@pytest.mark.django_db
def test_decision_date_in_the_future_is_rejected(client, bureau, source):
    _source, token = source
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = post(client, token, [record(bureau, 1, decision_date=tomorrow, valid_from=tomorrow)])
    assert outcomes(response) == [("rejected", ["decision_date"])]
    assert "不能晚于今天" in reasons(response, 0)


@pytest.mark.django_db
def test_organisation_the_token_may_not_report_for(client, bureau, other_bureau, source):
    _source, token = source
    response = post(client, token, [record(other_bureau, 1), record(bureau, 2)])
    assert outcomes(response) == [("rejected", ["authority_credit_code"]), ("accepted", [])]
    assert "无权报送" in reasons(response, 0) and other_bureau.name in reasons(response, 0)


@pytest.mark.django_db
def test_duplicate_keys_inside_one_batch(client, bureau, source):
    _source, token = source
    response = post(
        client, token, [record(bureau, 1), record(bureau, 1, content="另一版本"), record(bureau, 2)]
    )
    assert [o for o, _f in outcomes(response)] == ["rejected", "rejected", "accepted"]
    assert "文书号与许可编号相同" in reasons(response, 0)
    assert ApprovalResult.objects.count() == 1


@pytest.mark.django_db
def test_non_object_records_are_rejected(client, bureau, source):
    _source, token = source
    response = post(client, token, ["not a record", record(bureau, 1)])
    assert outcomes(response) == [("rejected", [""]), ("accepted", [])]


@pytest.mark.django_db
def test_oversized_batch_is_refused(client, bureau, source):
    _source, token = source
    response = post(client, token, [record(bureau, 1)] * 1001)
    assert response.status_code == 413
    assert "每批最多 1000 条" in response.json()["detail"]
    assert not ApprovalResult.objects.exists()


@pytest.mark.django_db
def test_wrong_or_missing_token_is_401(client, bureau, source):
    assert post(client, "not-a-token", [record(bureau, 1)]).status_code == 401
    response = client.post("/api/approvals/results/", {}, content_type="application/json")
    assert response.status_code == 401
    assert "令牌" in response.json()["detail"]


@pytest.mark.django_db
def test_token_of_another_source_is_403(client, bureau, source):
    _other, other_token = make_source(bureau, code="gcjs", name="工程建设审批系统")
    response = post(client, other_token, [record(bureau, 1)], source="xzsp")
    assert response.status_code == 403
    assert "令牌不属于来源" in response.json()["detail"]


@pytest.mark.django_db
def test_malformed_json_is_400(client, source):
    _source, token = source
    response = client.post(
        "/api/approvals/results/",
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400


@pytest.mark.django_db
def test_only_the_token_hash_is_stored(source):
    stored, token = source
    assert token not in str(stored.__dict__)


@pytest.mark.django_db
def test_openapi_documents_json_and_chinese_names(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/approvals/results/"]["post"]
    items = operation["requestBody"]["content"]["application/json"]["schema"]["properties"][
        "records"
    ]["items"]
    assert items["properties"]["decision_document_number"]["title"] == "行政许可决定文书号"
    assert items["properties"]["authority_credit_code"]["title"] == "许可机关统一社会信用代码"


@pytest.mark.django_db
def test_batch_without_source_is_400(client, bureau, source):
    _source, token = source
    response = client.post(
        "/api/approvals/results/",
        {"records": [record(bureau, 1)]},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400 and "source" in response.json()["detail"]
