"""Template tags that let other apps' pages (the catalog's 年报 node) show disclosure records."""

from django import template
from django.utils import timezone

from ..models import AnnualReport

register = template.Library()


@register.simple_tag
def published_annual_reports(organisation):
    """The organisation's published annual reports, newest year first."""
    return AnnualReport.objects.filter(organisation=organisation, live=True).order_by("-year")


@register.simple_tag
def last_report_year() -> int:
    """The year whose annual report is due this year (reports cover the previous year)."""
    return timezone.localdate().year - 1
