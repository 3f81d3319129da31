"""Numbers for table 二 of the annual report: 行政许可 本年处理决定数量."""

from .models import ApprovalResult


def table_two_counts(organisation, year: int) -> dict[str, int]:
    """Decisions the organisation made in `year` (by 许可决定日期; every status, minors included)."""
    count = ApprovalResult.objects.filter(
        organisation=organisation, decision_date__year=year
    ).count()
    return {"licensing_decisions": count}
