"""Template tags of the catalog's list pages."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

register = template.Library()
SELECTED = mark_safe(" selected")  # noqa: S308 - a constant


@register.simple_tag
def select_options(choices, selected=None):
    """`<option>`s of (value, label) `choices`, `selected` marked: a filter form shows some
    sixty of them, which cost a list page more as template loops than all its rows."""
    selected = "" if selected is None else str(selected)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, SELECTED if str(value) == selected else "", label) for value, label in choices),
    )
