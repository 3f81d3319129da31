"""Template tags that let other apps' pages (the catalog's 年报 node) show disclosure records."""

from django import template

from ..models import AnnualReport

register = template.Library()


@register.simple_tag
def published_annual_reports(organisation):
    """The organisation's published annual reports, newest year first."""
    return AnnualReport.objects.filter(organisation=organisation, published=True).order_by("-year")
