"""Admin forms of the cluster core."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents.forms import BaseDocumentForm

from .personal_data import personal_data_issues_in
from .provisioning import check_hostname_free


class OrganisationCreateForm(WagtailAdminModelForm):
    """Creating an organisation also creates its site: own hostname, or a path under the parent."""

    hostname = forms.CharField(
        label="主机名",
        required=False,
        help_text="例如 fgw.example.gov.cn；留空则作为上级机构网站下的子路径。",
    )
    port = forms.IntegerField(label="端口", initial=80, min_value=1, max_value=65535)
    theme = forms.ChoiceField(label="主题", choices=settings.GOVCMS_THEMES)

    def clean_hostname(self):
        return self.cleaned_data["hostname"].strip().lower()

    def clean(self):
        cleaned_data = super().clean()
        hostname = cleaned_data.get("hostname")
        if hostname:
            try:
                check_hostname_free(hostname, cleaned_data.get("port") or 80)
            except ValidationError as error:
                self.add_error("hostname", error)
        elif not cleaned_data.get("parent"):
            self.add_error("hostname", "没有上级机构的机构必须有自己的主机名。")
        return cleaned_data


class DocumentForm(BaseDocumentForm):
    """Documents (attachments) are public with their titles: an unmasked ID-card or mobile
    number in the title blocks the upload, as it does on pages."""

    def clean_title(self):
        title = self.cleaned_data.get("title", "")
        issues = personal_data_issues_in({"title": title})
        if issues:
            raise ValidationError([issue.message for issue in issues])
        return title
