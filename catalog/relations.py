"""Linking an interpretation (解读) to the policy it explains, outside the admin form."""

from .models import PolicyInterpretation


def link_interpretation(interpretation, policy) -> None:
    """Record that `interpretation` explains `policy` and publish the interpretation again."""
    PolicyInterpretation.objects.get_or_create(interpretation=interpretation, policy=policy)
    interpretation.save_revision().publish()
