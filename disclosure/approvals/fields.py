"""The record fields of an approval result: JSON name ↔ Chinese name (docs/statute.md §7).

The national credit-data standard (双公示 行政许可) names the fields in Chinese; the API and
the file exports use the JSON names below, and files may also use the Chinese names as
column headers. Fields marked 扩展 are optional additions of this platform.
"""

HOLDER_TYPES = ("法人及非法人组织", "自然人", "个体工商户")
CATEGORIES = ("普通", "特许", "认可", "核准", "登记", "其他")
STATUS_VALID = "有效"
INVALID_STATUSES = ("撤销", "注销", "吊销", "过期")
STATUSES = (STATUS_VALID, *INVALID_STATUSES)

# JSON name -> Chinese name, in the order of the national standard, then the extensions.
FIELD_TITLES = {
    "holder_name": "行政相对人名称",
    "holder_type": "行政相对人类别",
    "holder_credit_code": "统一社会信用代码",
    "business_registration_number": "工商注册号",
    "organisation_code": "组织机构代码",
    "tax_registration_number": "税务登记号",
    "institution_certificate_number": "事业单位证书号",
    "social_organisation_number": "社会组织登记证号",
    "legal_representative": "法定代表人",
    "legal_representative_id_type": "法定代表人证件类型",
    "legal_representative_id_number": "法定代表人证件号码",
    "decision_document_name": "行政许可决定文书名称",
    "decision_document_number": "行政许可决定文书号",
    "category": "许可类别",
    "licence_name": "许可证书名称",
    "licence_number": "许可编号",
    "content": "许可内容",
    "decision_date": "许可决定日期",
    "valid_from": "有效期自",
    "valid_to": "有效期至",
    "authority_name": "许可机关",
    "authority_credit_code": "许可机关统一社会信用代码",
    "status": "当前状态",
    "data_source_name": "数据来源单位",
    "data_source_credit_code": "数据来源单位统一社会信用代码",
    "remarks": "备注",
    # Extensions (扩展): optional, not part of the national field set.
    "status_date": "状态变更日期",
    "item_code": "审批事项编码",
    "application_date": "受理日期",
    "holder_address": "住所（地址）",
    "holder_phone": "联系电话",
    "minor": "涉及未成年人",
}
TITLE_TO_NAME = {title: name for name, title in FIELD_TITLES.items()}
# The holder's own credit code is also exported as "行政相对人统一社会信用代码".
TITLE_TO_NAME["行政相对人统一社会信用代码"] = "holder_credit_code"
TEXT_FIELDS = tuple(
    name
    for name in FIELD_TITLES
    if name
    not in {"decision_date", "valid_from", "valid_to", "status_date", "application_date", "minor"}
)
DATE_FIELDS = ("decision_date", "valid_from", "valid_to", "status_date", "application_date")


def title_of(name: str) -> str:
    """The Chinese name of a JSON field name (or the name itself when unknown)."""
    return FIELD_TITLES.get(name, name)
