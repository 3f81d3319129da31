"""GET /api/disclosure/deadline/: the public deadline calculator."""

import pytest

from cluster import workdays

pytestmark = pytest.mark.backends


@pytest.fixture(autouse=True)
def fresh_calendar(db):
    workdays.clear_cache()
    yield
    workdays.clear_cache()


def test_calculator_answers_due_date_and_day_by_day_breakdown(client):
    response = client.get("/api/disclosure/deadline/", {"received": "2026-09-29"})
    assert response.status_code == 200
    body = response.json()
    assert body["received"] == "2026-09-29"
    assert body["due"] == "2026-11-02"
    assert body["working_days"] == 20
    reasons = {day["date"]: day["reason"] for day in body["days"]}
    assert reasons["2026-10-01"] == "法定节假日（国庆节）"
    assert reasons["2026-10-10"] == "调休上班日（国庆节）"


def test_repeated_pauses_and_extension(client):
    response = client.get(
        "/api/disclosure/deadline/?received=2026-09-29&pause=2026-10-08..2026-10-10"
        "&pause=2026-10-12..2026-10-12&extension=1"
    )
    body = response.json()
    assert response.status_code == 200
    assert body["working_days"] == 40
    # 2026-11-30 without pauses, plus the 4 paused working days
    assert body["due"] == "2026-12-04"
    paused = [
        day for day in body["days"] if "不计入" in day["reason"] and day["date"] != "2026-09-29"
    ]
    assert [day["date"] for day in paused] == [
        "2026-10-08",
        "2026-10-09",
        "2026-10-10",
        "2026-10-12",
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("received=2026-02-30", "收到申请日期无效"),
        ("received=2026-09-29&pause=2026-10-10..2026-10-01", "结束日期早于开始日期"),
        ("received=2026-09-29&extension=3", "extension 只能为 0 或 1"),
    ],
)
def test_impossible_input_gets_a_clear_400(client, query, message):
    response = client.get(f"/api/disclosure/deadline/?{query}")
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_a_missing_received_date_is_refused(client):
    assert client.get("/api/disclosure/deadline/").status_code == 422


def test_a_deadline_in_an_unentered_year_is_flagged(client):
    response = client.get("/api/disclosure/deadline/", {"received": "2026-12-15"})
    assert response.status_code == 422
    assert response.json()["detail"] == "2027年节假日安排尚未录入"
