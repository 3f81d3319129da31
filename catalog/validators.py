"""Field validators of disclosure items: plain-text fields must not carry markup."""

import re

from django.core.exceptions import ValidationError

_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|javascript:|on[a-z]+\s*=", re.IGNORECASE)


def validate_plain_text(value: str) -> None:
    """Reject HTML tags and script in fields meant for plain text (title, summary, ...)."""
    if value and _MARKUP.search(value):
        raise ValidationError(
            "此处只能填写纯文本，不能包含HTML标签或脚本（如 <script>）。", code="markup"
        )
