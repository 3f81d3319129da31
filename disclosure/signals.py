"""Recompute stored deadlines when an administrator enters or edits a calendar year."""

from django.dispatch import receiver

from cluster.workdays import calendar_year_changed


@receiver(calendar_year_changed)
def recompute_open_deadlines(sender, year, **kwargs):
    """Open requests whose deadline was flagged or may reach the edited year get a new due date."""
    from .models import CONCLUDED_STATES, DisclosureRequest
    from .workflow import refresh_deadline

    for request in DisclosureRequest.objects.exclude(state__in=CONCLUDED_STATES).filter(
        received_on__year__gte=year - 1
    ):
        refresh_deadline(request)
