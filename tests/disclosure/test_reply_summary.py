"""The published reply summary: no unmasked number, no applicant's name (issue #13)."""

from cluster.personal_data import mask_text
from disclosure.views.officer import ReplyForm


def summary_errors(summary: str) -> list[str]:
    form = ReplyForm(data={"public_summary": summary}, names=("王小明", "李四"))
    form.is_valid()
    return form.errors.get("public_summary", [])


def test_summary_with_a_name_or_number_is_refused_with_the_reason():
    errors = summary_errors("经查，申请人王小明（电话１３９１２３４５６７８）所申请的信息不存在。")
    assert any("未打码的手机号码“139****5678”" in error for error in errors)
    assert any("申请人或联系人的姓名“王**”" in error for error in errors)
    assert summary_errors("经查，申请人所申请的信息不存在。") == []


def test_names_are_masked_when_shown_even_if_stored_earlier():
    assert mask_text("申请人王小明的申请", names=("王小明",)) == "申请人王**的申请"
