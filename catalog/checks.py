"""The pre-submission check: unmasked personal data blocks, 错敏词 are flagged, both with where.

Personal data comes only from cluster.personal_data.find_personal_data (the masking rules'
one home); the 错敏词 list is the editable SensitiveWord table.
"""

from django.utils.html import strip_tags

from cluster.personal_data import Issue, context_of, personal_data_issues_in

CHECKED_FIELDS = ("title", "summary", "body", "document_number", "keywords")
_context = context_of
__all__ = ["Issue", "field_texts", "personal_data_issues", "sensitive_word_issues"]


def field_texts(values: dict) -> dict[str, str]:
    """Plain text of each checked field (rich text stripped of its tags)."""
    return {
        name: strip_tags(str(values.get(name) or "")) for name in CHECKED_FIELDS if name in values
    }


def personal_data_issues(values: dict) -> list[Issue]:
    """Unmasked ID-card and mobile numbers in the item's text fields (these block)."""
    return personal_data_issues_in(field_texts(values))


def sensitive_word_issues(values: dict) -> list[Issue]:
    """Words of the 错敏词 list in the item's text fields (these are flagged, not blocked)."""
    from .models import SensitiveWord

    words = list(SensitiveWord.objects.values_list("word", "suggestion"))
    issues = []
    for field, text in field_texts(values).items():
        for word, suggestion in words:
            start = text.find(word)
            while start != -1:
                hint = f"，建议改为“{suggestion}”" if suggestion else ""
                issues.append(
                    Issue(
                        field,
                        start + 1,
                        word,
                        _context(text, start, start + len(word)),
                        f"第{start + 1}个字符处有错敏词“{word}”{hint}："
                        f"{_context(text, start, start + len(word))}",
                    )
                )
                start = text.find(word, start + len(word))
    return sorted(issues, key=lambda issue: (issue.field, issue.position))
