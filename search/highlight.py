"""Highlighted snippets, computed the same way for every backend."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 120


def _pattern(terms):
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)


def highlight(text: str, terms) -> str:
    """`text` HTML-escaped with every term wrapped in <mark>."""
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(body: str, summary: str, terms) -> str:
    """A window of the body around the first match (else the summary), highlighted."""
    pattern = _pattern(terms)
    match = pattern.search(body) if pattern and body else None
    if match is None:
        base = summary or body
        text = base[:SNIPPET_LENGTH] + ("…" if len(base) > SNIPPET_LENGTH else "")
        return highlight(text, terms)
    start = max(0, match.start() - SNIPPET_LENGTH // 3)
    end = start + SNIPPET_LENGTH
    text = ("…" if start else "") + body[start:end] + ("…" if end < len(body) else "")
    return highlight(text, terms)
