"""Template tags of the catalog's list pages."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def select_options(choices, selected=None):
    """`<option>`s of (value, label) `choices`, `selected` marked: a filter form shows some
    sixty of them, which cost a list page more as template loops than all its rows."""
    selected = "" if selected is None else str(selected)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, format_html(" selected") if str(value) == selected else "", label)
            for value, label in choices
        ),
    )
