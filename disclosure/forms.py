"""Forms of the officer's registration and actions, and the upload field the public form shares.

The public application form is `disclosure.application_form`.
"""

from django import forms
from django.conf import settings
from django.utils import timezone

from cluster.models import Organisation

from .models import DisclosureRequest, LegalKind

APPLICATION_FIELDS = [
    "applicant_kind",
    "legal_kind",
    "applicant_name",
    "id_type",
    "id_number",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "document_number",
    "information_form",
    "delivery",
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Optional uploads, each checked for type and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        allowed = settings.DISCLOSURE_UPLOAD_EXTENSIONS
        limit = settings.DISCLOSURE_UPLOAD_MAX_BYTES
        for upload in files:
            extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
            if extension not in allowed:
                raise forms.ValidationError(
                    f"文件“{upload.name}”类型不支持，仅限：{'、'.join(allowed)}。"
                )
            if upload.size > limit:
                raise forms.ValidationError(
                    f"文件“{upload.name}”超过 {limit // (1024 * 1024)}MB，请压缩后重新上传。"
                )
        return files


class RegistrationForm(forms.ModelForm):
    """An officer registers an application that arrived in person, by mail, fax or e-mail."""

    received_on = forms.DateField(
        label="收到申请日期",
        required=False,
        help_text="邮寄：签收之日；未签收的平常信函：与申请人确认之日；传真、电子邮件：双方确认之日。"
        "留空则为提交日期（非工作日顺延）。",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    files = MultipleFileField(label="附件")

    class Meta:
        model = DisclosureRequest
        fields = ["channel", "submitted_on", *APPLICATION_FIELDS]
        widgets = {
            "submitted_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        submitted, received = data.get("submitted_on"), data.get("received_on")
        if submitted and received and received < submitted:
            self.add_error("received_on", "收到申请日期不能早于提交日期。")
        if submitted and submitted > timezone.localdate():
            self.add_error("submitted_on", "提交日期不能晚于今天。")
        if data.get("applicant_kind") == "legal" and not data.get("legal_kind"):
            self.add_error("legal_kind", "法人或其他组织请选择组织类型。")
        return data


class StatusForm(forms.Form):
    number = forms.CharField(label="申请编号", max_length=40)
    code = forms.CharField(label="查询码", max_length=20)


class ActionForm(forms.Form):
    """Data an officer gives with an action; which fields matter depends on the action."""

    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    on = forms.DateField(
        label="日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reply_by = forms.DateField(
        label="补正截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    days = forms.IntegerField(label="延长工作日", min_value=1, max_value=20, required=False)
    organisation = forms.ModelChoiceField(
        label="转交机关", queryset=Organisation.objects.all(), required=False
    )


LEGAL_KIND_CHOICES = LegalKind.choices
