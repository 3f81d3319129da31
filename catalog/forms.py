"""Admin form of disclosure items: blocks unmasked personal data on submit and publish."""

from wagtail.admin.forms import WagtailAdminPageForm

from .checks import personal_data_issues
from .document_numbers import normalise_document_number


class DisclosureItemForm(WagtailAdminPageForm):
    """Saving a draft is always allowed; submitting for review or publishing runs the check."""

    def clean_document_number(self):
        return normalise_document_number(self.cleaned_data.get("document_number", ""))

    def clean(self):
        cleaned_data = super().clean()
        if getattr(self, "is_deferred_validation", False):
            return cleaned_data  # a draft save: keep the editor's work, check on submit
        for issue in personal_data_issues(cleaned_data):
            self.add_error(issue.field if issue.field in self.fields else None, issue.message)
        return cleaned_data
