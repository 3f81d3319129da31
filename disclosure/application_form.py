"""The public application form (政府信息公开申请表), laid out as the national form.

Three parts, as on the paper form: 申请人信息 (公民 or 法人或者其他组织, each with its own
fields), 所需信息情况 and 获取方式. Only the chosen applicant type's fields are required: the
page shows both sections without JavaScript, and the server decides which apply.
"""

from django import forms
from django.core.exceptions import ValidationError

from cluster.models import Organisation
from cluster.validators import (
    validate_organisation_code,
    validate_phone,
    validate_postcode,
    validate_resident_id,
)

from .captcha_field import OneAttemptCaptchaField
from .forms import MultipleFileField
from .models import ApplicantKind, Delivery, InformationForm, LegalKind

RESIDENT_ID = "居民身份证"
ID_TYPES = [
    (RESIDENT_ID, RESIDENT_ID),
    ("港澳居民来往内地通行证", "港澳居民来往内地通行证"),
    ("台湾居民来往大陆通行证", "台湾居民来往大陆通行证"),
    ("护照", "护照"),
    ("外国人永久居留身份证", "外国人永久居留身份证"),
    ("其他有效身份证件", "其他有效身份证件"),
]
ORGANISATION_ID_TYPE = "统一社会信用代码"
APPLICANT_KINDS = [(ApplicantKind.NATURAL, "公民"), (ApplicantKind.LEGAL, "法人或者其他组织")]

# Fields of each applicant type: required only when that type is chosen.
PERSON_FIELDS = ("applicant_name", "id_type", "id_number")
ORGANISATION_FIELDS = ("org_name", "legal_kind", "org_code", "legal_representative")


def _text(label, max_length, help_text="", **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        help_text=help_text,
        error_messages={"required": f"请填写{label}。"},
        **kwargs,
    )


def _choice(label, choices, widget=forms.RadioSelect, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=widget,
        error_messages={"required": f"请选择{label}。", "invalid_choice": f"请选择{label}。"},
        **kwargs,
    )


class ApplicationForm(forms.Form):
    """The applicant's own form (条例第二十九条); `application_data()` gives the model fields."""

    organisation = forms.ModelChoiceField(
        label="申请的行政机关",
        queryset=Organisation.objects.all(),
        required=False,
        empty_label="请选择行政机关",
        error_messages={"required": "请选择申请的行政机关。"},
    )
    applicant_kind = _choice("申请人类型", APPLICANT_KINDS, initial=ApplicantKind.NATURAL)
    # 公民
    applicant_name = _text("姓名", 100, required=False)
    id_type = _choice("证件名称", ID_TYPES, widget=forms.Select, required=False)
    id_number = _text("证件号码", 40, "居民身份证号码为18位，最后一位可能是X。", required=False)
    # 法人或者其他组织
    org_name = _text("名称", 100, "与营业执照或登记证书上的名称一致。", required=False)
    legal_kind = _choice(
        "组织类型", [("", "请选择组织类型"), *LegalKind.choices], forms.Select, required=False
    )
    org_code = _text(
        "统一社会信用代码", 20, "18位；尚未换领的可填9位组织机构代码。", required=False
    )
    legal_representative = _text("法定代表人或负责人", 40, required=False)
    contact_person = _text("联系人姓名", 40, required=False)
    # 联系方式 (both types)
    phone = _text("联系电话", 30, "手机号码，或带区号的固定电话。", validators=[validate_phone])
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        help_text="选择电子邮件方式获取信息时必填。",
        error_messages={"invalid": "请填写正确的电子邮箱地址（如 name@example.com）。"},
    )
    address = _text("通信地址", 200, "选择邮寄方式获取信息时必填。", required=False)
    postcode = _text("邮政编码", 6, "6位数字。", required=False, validators=[validate_postcode])
    # 所需信息情况
    description = _text(
        "所需信息的名称、文号或者便于查询的其他特征性描述",
        2000,
        "请尽量写明信息的名称、文号、制作机关或时间，便于准确查找。",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    document_number = _text("文号", 80, "知道文号的请填写，如 云发改〔2026〕1号。", required=False)
    files = MultipleFileField(
        label="附件", help_text="身份证明等，可选；支持 PDF、OFD、图片和 Office 文件。"
    )
    # 获取方式
    information_form = _choice("获取信息的形式", InformationForm.choices)
    delivery = _choice("获取信息的方式", Delivery.choices)
    submission_token = forms.CharField(widget=forms.HiddenInput)
    captcha = OneAttemptCaptchaField(
        label="验证码",
        help_text="请输入图中的字符，不区分大小写。",
        error_messages={
            "invalid": "验证码不正确，请重新输入图中的字符。",
            "required": "请填写验证码。",
            "incomplete": "请填写验证码。",
        },
    )

    def __init__(self, *args, choose_organisation: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.choose_organisation = choose_organisation
        # one text box to type into: a <label>, not a fieldset around the image and hidden key
        self.fields["captcha"].widget.use_fieldset = False
        if choose_organisation:
            self.fields["organisation"].required = True
        else:
            del self.fields["organisation"]

    def _section(self, *names):
        return [self[name] for name in names]

    @property
    def person_fields(self):
        """公民: the fields required when the applicant is a citizen."""
        return self._section(*PERSON_FIELDS)

    @property
    def organisation_fields(self):
        """法人或者其他组织: the fields required when the applicant is an organisation."""
        return self._section(*ORGANISATION_FIELDS)

    @property
    def contact_fields(self):
        return self._section("phone", "email", "address", "postcode")

    @property
    def information_fields(self):
        """所需信息情况."""
        return self._section("description", "document_number", "files")

    @property
    def delivery_fields(self):
        """获取方式."""
        return self._section("information_form", "delivery")

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_kind")
        if kind == ApplicantKind.NATURAL:
            self._require(PERSON_FIELDS, "（申请人为公民时必填）")
            if data.get("id_type") == RESIDENT_ID and data.get("id_number"):
                self._check("id_number", validate_resident_id, data["id_number"])
        elif kind == ApplicantKind.LEGAL:
            self._require(ORGANISATION_FIELDS, "（申请人为法人或者其他组织时必填）")
            if data.get("org_code"):
                self._check("org_code", validate_organisation_code, data["org_code"].upper())
        delivery = data.get("delivery")
        if delivery == Delivery.EMAIL and not data.get("email"):
            self.add_error("email", "选择电子邮件方式获取时，请填写电子邮箱。")
        if delivery == Delivery.MAIL:
            for name in ("address", "postcode"):
                if not data.get(name) and name not in self.errors:
                    label = self.fields[name].label
                    self.add_error(name, f"选择邮寄方式获取时，请填写{label}。")
        return data

    def _require(self, names, why):
        for name in names:
            if not self.cleaned_data.get(name) and name not in self.errors:
                field = self.fields[name]
                verb = "选择" if isinstance(field, forms.ChoiceField) else "填写"
                self.add_error(name, f"请{verb}{field.label}{why}。")

    def _check(self, name, validator, value):
        try:
            validator(value)
        except ValidationError as error:
            self.add_error(name, error)

    def application_data(self) -> dict:
        """The DisclosureRequest fields of a valid form, whichever applicant type was chosen."""
        data = self.cleaned_data
        common = {
            "applicant_kind": data["applicant_kind"],
            "phone": data["phone"].strip(),
            "email": data["email"],
            "address": data["address"],
            "postcode": data["postcode"].strip(),
            "description": data["description"],
            "document_number": data["document_number"],
            "information_form": data["information_form"],
            "delivery": data["delivery"],
        }
        if data["applicant_kind"] == ApplicantKind.LEGAL:
            return common | {
                "legal_kind": data["legal_kind"],
                "applicant_name": data["org_name"],
                "id_type": ORGANISATION_ID_TYPE,
                "id_number": data["org_code"].upper(),
                "legal_representative": data["legal_representative"],
                "contact_person": data["contact_person"],
            }
        return common | {
            "legal_kind": "",
            "applicant_name": data["applicant_name"],
            "id_type": data["id_type"],
            "id_number": data["id_number"].strip().upper(),
            "legal_representative": "",
            "contact_person": "",
        }
