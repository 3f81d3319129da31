"""The admin form of every public page type: unmasked personal data blocks submitting and
publishing (articles, news, notices, columns, catalog items alike). Drafts can always be saved."""

from django.utils.html import strip_tags
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from .personal_data import personal_data_issues_in

# Not shown to the public as text, or not free text at all.
SKIPPED_FIELDS = frozenset({"slug", "url_path", "comment_notifications"})


def public_texts(cleaned_data: dict) -> dict[str, str]:
    """{field: plain text} of the form's text values (rich text and StreamField stripped of tags)."""
    texts = {}
    for name, value in cleaned_data.items():
        if name in SKIPPED_FIELDS or value is None:
            continue
        if isinstance(value, str | RichText | StreamValue):
            texts[name] = strip_tags(str(value))
    return texts


class GovernmentPageForm(WagtailAdminPageForm):
    """Submitting for review or publishing runs the personal-data check on every text field."""

    def clean(self):
        cleaned_data = super().clean()
        if getattr(self, "is_deferred_validation", False):
            return cleaned_data  # a draft save: keep the editor's work, check on submit
        for issue in personal_data_issues_in(public_texts(cleaned_data)):
            self.add_error(issue.field if issue.field in self.fields else None, issue.message)
        return cleaned_data
