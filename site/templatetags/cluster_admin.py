"""Template filters for the admin (管理后台)."""

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date

register = template.Library()

ADMIN_DATE_FORMAT = "Y-m-d"
ADMIN_DATETIME_FORMAT = "Y-m-d H:i"


@register.filter
def admin_date(value):
    """A date as 2026-11-18 and a moment as 2026-11-18 14:30 (local time), never "3 天之前".

    Wagtail's listings show how long ago something happened; editors filing government
    information need the date itself (a 公开日期 or a deadline is a date, not an age).
    """
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return format_date(value, ADMIN_DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return format_date(value, ADMIN_DATE_FORMAT)
    return value
