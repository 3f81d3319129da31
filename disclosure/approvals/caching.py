"""The public notices in the HTTP cache: their surrogate keys, and the purge on intake.

Lists and service guides show the latest results, so any intake purges `approvals`; a notice
page shows one result, purged by `approval:<id>` when that result is updated or withdrawn.
"""

from django.dispatch import receiver

from cluster.pagecache import store

from .models import ApprovalResult, results_changed

LISTS = "approvals"
# Past this many results in one intake, purge every notice page at once (one short header).
MANY = 500
EVERY_NOTICE = "approval:*"


def list_tags(request, response) -> set[str]:
    """The notice list and the service guides depend on every result."""
    return {LISTS}


def notice_tags(request, response) -> set[str]:
    """A notice page depends on its result only."""
    return {f"approval:{response.context_data['result'].pk}", EVERY_NOTICE}


@receiver(results_changed, sender=ApprovalResult)
def purge_notices(sender, ids, **kwargs):
    """New, updated or withdrawn results: purge the lists and the pages of those results."""
    ids = list(ids)
    tags = {LISTS, EVERY_NOTICE} if len(ids) > MANY else {LISTS, *(f"approval:{pk}" for pk in ids)}
    store.purge(tags)
