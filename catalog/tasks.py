"""Scheduled catalog jobs."""

import datetime as dt

from celery import shared_task
from django.utils import timezone

from search.signals import keys_for, queue_keys

from .models import DisclosureItemPage, Validity

# Items whose 有效期 ended within this many days are refreshed, so missed runs catch up.
EXPIRY_LOOKBACK_DAYS = 7


@shared_task
def refresh_expired_items() -> int:
    """Re-index items whose 有效期 has just ended: their search records now say 失效.

    The item page shows 失效 by itself from the day after 有效期至; the search record, written
    at publication, learns it here (daily, after midnight).
    """
    today = timezone.localdate()
    items = DisclosureItemPage.objects.live().filter(
        validity=Validity.VALID,
        valid_until__lt=today,
        valid_until__gte=today - dt.timedelta(days=EXPIRY_LOOKBACK_DAYS),
    )
    keys = [key for item in items for key in keys_for(item)]
    queue_keys(keys)
    return len(keys)
