"""Pydantic schemas of the inbound API: each field's JSON name, Chinese title and rules."""

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from cluster.validators import (
    CREDIT_CODE_ALPHABET,
    credit_code_check_character,
    is_valid_credit_code,
)

from .fields import FIELD_TITLES

MARKUP = re.compile(r"<\s*[A-Za-z/!?]|javascript\s*:|&#x?[0-9a-fA-F]+;", re.IGNORECASE)
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


# Codes, numbers, fixed values and dates are compared character by character: full-width forms
# become half-width (NFKC). Free text keeps its Chinese punctuation (NFKC would turn "，" into
# ","): only its invisible and full-width spaces are cleaned.
NFKC_FIELDS = frozenset(
    {
        "holder_type",
        "holder_credit_code",
        "business_registration_number",
        "organisation_code",
        "tax_registration_number",
        "institution_certificate_number",
        "social_organisation_number",
        "legal_representative_id_type",
        "legal_representative_id_number",
        "decision_document_number",
        "category",
        "licence_number",
        "authority_credit_code",
        "status",
        "data_source_credit_code",
        "item_code",
        "holder_phone",
    }
)
_SPACES = re.compile(r"[^\S\n]+")


def clean_text(value: str, *, nfkc: bool = False) -> str:
    """Zero-width characters removed, every Unicode space (U+3000, U+00A0 ...) made a plain
    space, runs collapsed, ends trimmed; NFKC (full-width to half-width) when `nfkc`."""
    if nfkc:
        value = unicodedata.normalize("NFKC", value)
    value = "".join(char for char in value if unicodedata.category(char) != "Cf")
    value = "".join(" " if char.isspace() and char != "\n" else char for char in value)
    return _SPACES.sub(" ", value).strip()


_TEXT_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (after Excel's 1900 leap-year bug)


def parse_date_text(value):
    """ISO text for the common Chinese ways of writing a date: 2026-11-03, 2026/11/3,
    2026.11.3, 2026年11月3日, 20261103, or an Excel serial day number (46329); other values
    are returned unchanged for the pattern check to refuse."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return value
    value = clean_text(value, nfkc=True)
    if match := _TEXT_DATE.match(value):
        year, month, day = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    if re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    if re.fullmatch(r"\d{5}", value) and 20000 <= int(value) <= 80000:
        return (_EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
    return value


# Authorities and data sources repeat in every batch: remember their codes' verdicts.
_is_valid_credit_code = lru_cache(maxsize=4096)(is_valid_credit_code)


def _credit_code(value: str) -> str:
    if value and not _is_valid_credit_code(value):
        if len(value) != 18:
            raise ValueError(f"统一社会信用代码应为18位，当前为{len(value)}位")
        if any(char not in CREDIT_CODE_ALPHABET for char in value.upper()):
            raise ValueError("统一社会信用代码含有不允许的字符（不使用I、O、Z、S、V）")
        raise ValueError(
            f"统一社会信用代码校验位错误：第18位应为“{credit_code_check_character(value[:17])}”"
        )
    return value


# Plain constrained strings are checked by pydantic-core itself (fast); markup, real calendar
# dates and dates in the future are checked per field afterwards in ingest.py.
def _text(max_length: int):
    return Annotated[str, StringConstraints(strip_whitespace=True, max_length=max_length)]


def _required_text(max_length: int):
    return Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)
    ]


Date = Annotated[
    str,
    BeforeValidator(parse_date_text),
    StringConstraints(strip_whitespace=True, pattern=ISO_DATE),
    WithJsonSchema({"type": "string", "format": "date"}),
]
CreditCode = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True, max_length=18),
    AfterValidator(_credit_code),
]


def _f(name: str, description: str = "", **kwargs):
    return Field(title=FIELD_TITLES[name], description=description or FIELD_TITLES[name], **kwargs)


class ApprovalRecordIn(BaseModel):
    """One 行政许可 decision in the national 双公示 field set (JSON name ↔ 中文名称 in `title`)."""

    model_config = ConfigDict(extra="forbid", title="行政许可决定记录")

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data):
        """Clean every text value before the field rules see it (see clean_text)."""
        if not isinstance(data, dict):
            return data
        return {
            key: clean_text(value, nfkc=key in NFKC_FIELDS) if isinstance(value, str) else value
            for key, value in data.items()
        }

    holder_name: _required_text(200) = _f("holder_name")
    holder_type: Literal["法人及非法人组织", "自然人", "个体工商户"] = _f("holder_type")
    holder_credit_code: CreditCode = _f(
        "holder_credit_code",
        "行政相对人的统一社会信用代码（GB 32100-2015，18位含校验位）；法人及非法人组织必填其一证照号码",
        default="",
    )
    business_registration_number: _text(50) = _f("business_registration_number", default="")
    organisation_code: _text(20) = _f("organisation_code", default="")
    tax_registration_number: _text(50) = _f("tax_registration_number", default="")
    institution_certificate_number: _text(50) = _f("institution_certificate_number", default="")
    social_organisation_number: _text(50) = _f("social_organisation_number", default="")
    legal_representative: _text(50) = _f(
        "legal_representative", "法定代表人；自然人为本人姓名", default=""
    )
    legal_representative_id_type: _text(20) = _f(
        "legal_representative_id_type", "例如 身份证", default=""
    )
    legal_representative_id_number: _text(30) = _f(
        "legal_representative_id_number", "公示时按脱敏规则处理", default=""
    )
    decision_document_name: _required_text(200) = _f("decision_document_name")
    decision_document_number: _required_text(100) = _f(
        "decision_document_number", "行政许可决定文书号；与来源、许可编号共同构成记录主键"
    )
    category: Literal["普通", "特许", "认可", "核准", "登记", "其他"] = _f("category")
    licence_name: _text(200) = _f("licence_name", default="")
    licence_number: _text(100) = _f(
        "licence_number", "许可编号；与来源、文书号共同构成记录主键", default=""
    )
    content: _required_text(4000) = _f("content")
    decision_date: Date = _f("decision_date", "许可决定日期（YYYY-MM-DD，不得晚于今天）")
    valid_from: Date = _f("valid_from", "有效期自（YYYY-MM-DD）")
    valid_to: Date | None = _f("valid_to", "有效期至（YYYY-MM-DD）；长期有效可不填", default=None)
    authority_name: _required_text(200) = _f("authority_name")
    authority_credit_code: CreditCode = _f(
        "authority_credit_code", "许可机关统一社会信用代码；据此确定公示网站所属机构"
    )
    status: Literal["有效", "撤销", "注销", "吊销", "过期"] = _f(
        "status", "当前状态：有效，或无效（撤销、注销、吊销、过期）", default="有效"
    )
    data_source_name: _text(200) = _f("data_source_name", default="")
    data_source_credit_code: CreditCode = _f("data_source_credit_code", default="")
    remarks: _text(2000) = _f("remarks", default="")
    status_date: Date | None = _f(
        "status_date", "扩展：撤销、注销、吊销或过期生效的日期，用于5个工作日时限统计", default=None
    )
    item_code: _text(60) = _f("item_code", "扩展：对应审批事项（办事指南）的编码", default="")
    application_date: Date | None = _f(
        "application_date", "扩展：受理日期，用于统计实际办理工作日数", default=None
    )
    holder_address: _text(200) = _f("holder_address", "扩展：公示时按脱敏规则处理", default="")
    holder_phone: _text(30) = _f("holder_phone", "扩展：公示时按脱敏规则处理", default="")
    minor: bool = _f("minor", "扩展：涉及未成年人的案件不予公示", default=False)


MAX_BATCH = 1000


class ErrorOut(BaseModel):
    field: str = Field(title="字段（JSON名称）")
    field_title: str = Field(title="字段中文名称")
    reason: str = Field(title="原因")


class OutcomeOut(BaseModel):
    index: int = Field(title="批内序号（从0开始）")
    decision_document_number: str | None = Field(title="行政许可决定文书号")
    licence_number: str | None = Field(title="许可编号")
    outcome: Literal["accepted", "updated", "unchanged", "rejected"] = Field(
        title="处理结果",
        description="accepted 新增；updated 已更新（保留变更记录）；unchanged 无变化；rejected 拒收",
    )
    id: int | None = Field(None, title="记录ID（公示页 /approvals/<id>/）")
    errors: list[ErrorOut] = Field(default_factory=list, title="拒收原因")


class BatchOut(BaseModel):
    source: str = Field(title="来源标识")
    received: int = Field(title="收到记录数")
    accepted: int = Field(title="新增")
    updated: int = Field(title="更新")
    unchanged: int = Field(title="无变化")
    rejected: int = Field(title="拒收")
    results: list[OutcomeOut] = Field(title="逐条处理结果")


def batch_request_schema() -> dict:
    """The OpenAPI request body: the record schema inlined (the view validates each record)."""
    record = ApprovalRecordIn.model_json_schema(by_alias=True)
    record.pop("$defs", None)
    return {
        "title": "行政许可结果批量报送",
        "type": "object",
        "required": ["source", "records"],
        "properties": {
            "source": {
                "type": "string",
                "title": "来源标识",
                "description": "与令牌对应的来源标识",
            },
            "records": {
                "type": "array",
                "title": "记录",
                "maxItems": MAX_BATCH,
                "description": f"每批最多 {MAX_BATCH} 条；中文字段名亦可作为键名",
                "items": record,
            },
        },
    }
