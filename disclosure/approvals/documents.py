"""Search documents for approval-result notices (行政许可结果公示), as the public sees them."""

import datetime as dt

from django.dispatch import receiver
from django.utils import timezone

from search.documents import SearchDocument
from search.registry import SearchRecord, SearchSource, register
from search.signals import queue_keys

from .masking import masked
from .models import ApprovalResult, results_changed

SHOWN_FIELDS = (
    "holder_name",
    "content",
    "licence_name",
    "licence_number",
    "decision_document_name",
    "decision_document_number",
)


class ApprovalResultDocument(SearchDocument):
    """Approval notices share the common fields; 文号 is the decision document number."""


@register
class ApprovalResultSource(SearchSource):
    label = "approval_result"
    verbose_name = "行政许可结果"
    model = ApprovalResult
    document = ApprovalResultDocument

    def queryset(self):
        return ApprovalResult.objects.public().select_related("organisation__home_page")

    def record(self, result):
        # Only what the public notice shows, after the masking policy: a natural person's
        # name is indexed masked, so it cannot be found by searching for it.
        shown = masked(result, SHOWN_FIELDS)
        home_page = result.organisation.home_page
        site = home_page.get_site() if home_page else None
        return SearchRecord(
            key=self.key_for(result),
            content_type=self.label,
            title=f"{shown['decision_document_name']}（{shown['holder_name']}）",
            body=shown["content"],
            summary=f"{result.category} · {shown['licence_name']} · {result.status}",
            url=(site.root_url if site else "") + result.get_absolute_url(),
            organisation_id=result.organisation_id,
            organisation=result.organisation.name,
            scope_path=home_page.path if home_page else "",
            published=timezone.make_aware(dt.datetime.combine(result.decision_date, dt.time(9))),
            document_number=shown["decision_document_number"],
            keywords=shown["licence_number"],
            validity="有效" if result.status == "有效" else "失效",
        )


@receiver(results_changed, sender=ApprovalResult)
def reindex_results(sender, ids, **kwargs):
    """Bulk writes send no post_save: index what the intake stored, changed or withdrew."""
    queue_keys([f"{ApprovalResultSource.label}:{pk}" for pk in ids])
