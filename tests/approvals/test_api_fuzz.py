"""Malformed input to the approval API: always a 4xx or a per-record rejection with a Chinese
reason, never a 500 (the test client re-raises any server error)."""

import json

import pytest

from disclosure.approvals.fields import FIELD_TITLES
from disclosure.approvals.models import ApprovalResult

from .builders import record

pytestmark = pytest.mark.django_db
URL = "/api/approvals/results/"


def send(client, token, body: bytes | str):
    return client.post(
        URL, body, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )


BAD_BODIES = [
    ("empty", b""),
    ("null", b"null"),
    ("list", b"[]"),
    ("string", b'"records"'),
    ("number", b"12"),
    ("not utf-8", b"\xff\xfe\x00{"),
    ("truncated", b'{"source": "xzsp", "records": [{"holder_name": "'),
    ("deep nesting", b"[" * 200_000),
    ("source is a number", b'{"source": 1, "records": []}'),
    ("source is null", b'{"source": null, "records": []}'),
    ("records is a string", b'{"source": "xzsp", "records": "x"}'),
    ("records is null", b'{"source": "xzsp", "records": null}'),
    ("records is an object", b'{"source": "xzsp", "records": {"a": 1}}'),
]


@pytest.mark.parametrize(("label", "body"), BAD_BODIES, ids=[b[0] for b in BAD_BODIES])
def test_malformed_bodies_are_400_with_a_chinese_message(client, source, label, body):
    _source, token = source
    response = send(client, token, body)
    assert response.status_code == 400, label
    detail = response.json()["detail"]
    assert any("\u4e00" <= char <= "\u9fff" for char in detail), detail


def _bad_records(bureau):
    good = record(bureau, 1)
    return [
        ("null record", None),
        ("number record", 7),
        ("list record", [good]),
        ("empty record", {}),
        ("every field null", dict.fromkeys(FIELD_TITLES)),
        ("wrong types", good | {"holder_name": 123, "minor": "maybe", "valid_to": {}}),
        ("number for text", good | {"content": 1.5, "licence_number": True}),
        ("NaN", good | {"holder_name": float("nan")}),
        ("huge string", good | {"content": "许" * 300_000}),
        ("huge holder name", good | {"holder_name": "公司" * 50_000}),
        ("impossible date", good | {"decision_date": "2026-02-30"}),
        ("month 13", good | {"decision_date": "2026-13-01"}),
        ("year zero", good | {"decision_date": "0000-01-01"}),
        ("Chinese impossible date", good | {"valid_from": "2026年2月30日"}),
        ("date with time", good | {"decision_date": "2026-03-02T10:00:00"}),
        ("date as list", good | {"decision_date": ["2026-03-02"]}),
        ("far future", good | {"decision_date": "9999-12-31", "valid_from": "9999-12-31"}),
        ("control characters", good | {"holder_name": "\x00\x07公司"}),
        ("unknown holder type", good | {"holder_type": "外星人"}),
        ("ID with letters", good | {"legal_representative_id_number": "ABCDEFGHIJKLMNOPQR"}),
        (
            "credit code of Chinese",
            good | {"holder_credit_code": "统一社会信用代码统一社会信用代码统一"},
        ),
        ("unknown field", good | {"hack": "<script>"}),
    ]


@pytest.mark.parametrize("case", range(22))
def test_malformed_records_are_rejected_one_by_one(client, bureau, source, case):
    label, bad = _bad_records(bureau)[case]
    _source, token = source
    body = json.dumps({"source": "xzsp", "records": [bad, record(bureau, 2)]}, ensure_ascii=False)
    response = send(client, token, body)
    assert response.status_code == 200, label
    first, second = response.json()["results"]
    assert first["outcome"] == "rejected" and first["errors"], label
    reason = first["errors"][0]["reason"]
    assert any("\u4e00" <= char <= "\u9fff" for char in reason), (label, reason)
    assert second["outcome"] == "accepted"
    assert ApprovalResult.objects.count() == 1


def test_oversized_body_is_413_with_a_chinese_message(client, bureau, source, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    _source, token = source
    body = json.dumps({"source": "xzsp", "records": [record(bureau, 1, content="许" * 40_000)]})
    response = send(client, token, body)
    assert response.status_code == 413
    assert "请求体过大" in response.json()["detail"]
    assert not ApprovalResult.objects.exists()
