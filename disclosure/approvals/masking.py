"""The masking policy for public approval notices: the one place that decides what is shown.

The policy maps each 行政相对人类别 to {field: masker}. Maskers are the names of functions in
cluster.personal_data ("mask_id_card", "mask_phone", "mask_name", "mask_address", "mask_text")
or "show" (publish as reported) or "hide" (not shown at all). Settings may override parts of
it with APPROVALS_MASKING_POLICY; a natural person's ID number, phone and address can never be
set to "show" (docs/statute.md §7), and free text is always scanned for ID-card and mobile numbers.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from cluster import personal_data

MASKERS = {
    "mask_id_card": personal_data.mask_id_card,
    "mask_phone": personal_data.mask_phone,
    "mask_name": personal_data.mask_name,
    "mask_address": personal_data.mask_address,
    "mask_text": personal_data.mask_text,
    "show": lambda value: value,
    "hide": lambda value: "",
}

_COMMON = {
    "legal_representative_id_number": "mask_id_card",
    "holder_phone": "mask_phone",
    "content": "mask_text",
    "remarks": "mask_text",
    "licence_name": "mask_text",
    "decision_document_name": "mask_text",
}
DEFAULT_POLICY = {
    "法人及非法人组织": _COMMON | {"holder_address": "show", "legal_representative": "show"},
    "个体工商户": _COMMON | {"holder_address": "mask_address", "legal_representative": "mask_name"},
    "自然人": _COMMON
    | {
        "holder_name": "mask_name",
        "holder_address": "mask_address",
        "legal_representative": "mask_name",
    },
}
# Never published in full, whatever the settings say.
PROTECTED = {
    "自然人": ("legal_representative_id_number", "holder_phone", "holder_address"),
    "个体工商户": ("legal_representative_id_number", "holder_phone"),
    "法人及非法人组织": ("legal_representative_id_number",),
}


def current_policy() -> dict[str, dict[str, str]]:
    """The default policy with the APPROVALS_MASKING_POLICY overrides applied and checked."""
    overrides = getattr(settings, "APPROVALS_MASKING_POLICY", {}) or {}
    policy = {kind: dict(fields) for kind, fields in DEFAULT_POLICY.items()}
    for kind, fields in overrides.items():
        if kind not in policy:
            raise ImproperlyConfigured(f"APPROVALS_MASKING_POLICY: 未知的行政相对人类别“{kind}”")
        for field, masker in fields.items():
            if masker not in MASKERS:
                raise ImproperlyConfigured(f"APPROVALS_MASKING_POLICY: 未知的处理方式“{masker}”")
            if masker == "show" and field in PROTECTED[kind]:
                raise ImproperlyConfigured(
                    f"APPROVALS_MASKING_POLICY: {kind}的“{field}”不得完整公开"
                )
            policy[kind][field] = masker
    return policy


NAME_FIELDS = ("holder_name", "legal_representative")


def personal_names(record, rules: dict) -> list[str]:
    """Names the policy masks (a natural person's): masked wherever they appear in free text."""
    shown = {getattr(record, f) for f in NAME_FIELDS if rules.get(f, "show") == "show"}
    return [
        getattr(record, f)
        for f in NAME_FIELDS
        if getattr(record, f) and getattr(record, f) not in shown
    ]


def masked(record, fields) -> dict[str, str]:
    """The public values of `fields` of `record` after the policy for its 相对人类别."""
    rules = current_policy().get(record.holder_type, {})
    names = personal_names(record, rules)
    values = {}
    for field in fields:
        value = getattr(record, field)
        if isinstance(value, str) and value:
            value = MASKERS[rules.get(field, "show")](value)
            # Free text may carry numbers and names in any field: scan everything shown.
            value = personal_data.mask_text(value, names=names)
        values[field] = value
    return values


# What the public notice search looks in: the shown fields, masked (never the raw values).
SEARCH_FIELDS = (
    "holder_name",
    "decision_document_name",
    "decision_document_number",
    "licence_name",
    "licence_number",
    "content",
)


def search_text(record) -> str:
    """The masked text the public notice search matches (stored as ApprovalResult.public_text)."""
    return "\n".join(value for value in masked(record, SEARCH_FIELDS).values() if value)
