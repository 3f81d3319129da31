"""Admin form of disclosure items: own-catalog references; the personal-data check comes from
GovernmentPageForm (every page type)."""

from cluster.page_forms import GovernmentPageForm

from .document_numbers import normalise_document_number


class DisclosureItemForm(GovernmentPageForm):
    """Saving a draft is always allowed; submitting for review or publishing runs the check."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "also_in" in self.fields:
            self.fields["also_in"].queryset = self._own_catalog_nodes()

    def _own_catalog_nodes(self):
        """同时显示在 offers the nodes of the item's own 专栏 only: another organisation's
        catalog is theirs to review (departments reach the portal through 信息报送)."""
        from .models import CatalogNodePage, CatalogRootPage

        anchor = self.instance if self.instance.pk else getattr(self, "parent_page", None)
        root = (
            CatalogRootPage.objects.ancestor_of(anchor, inclusive=True).first() if anchor else None
        )
        if root is None:
            return CatalogNodePage.objects.none()
        return CatalogNodePage.objects.descendant_of(root).order_by("path")

    def clean_document_number(self):
        return normalise_document_number(self.cleaned_data.get("document_number", ""))
