"""Reply kinds (条例第三十六条) and the outcome rows of annual-report table 三 (国办公开办函〔2021〕30号).

The reply kind is what the letter says; the outcome is the exact row the request is counted in.
Each reply kind allows only the rows that can describe it.
"""

from django.db import models


class ReplyKind(models.TextChoices):
    ALREADY_PUBLISHED = "already_published", "已主动公开（告知获取方式和途径）"
    DISCLOSED = "disclosed", "予以公开"
    PARTIAL = "partial", "部分公开"
    WITHHELD = "withheld", "不予公开"
    NOT_EXIST = "not_exist", "经检索没有所申请的政府信息"
    NOT_THIS_ORGAN = "not_this_organ", "不属于本机关负责公开"
    REPEAT = "repeat", "重复申请"
    SPECIAL_LAW = "special_law", "依照有关法律、行政法规办理"
    NOT_HANDLED = "not_handled", "不予处理"


# (code, table 三 row label, heading group)
OUTCOME_ROWS = [
    ("disclosed", "（一）予以公开", "disclosed"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partial"),
    ("withheld_secret", "1.属于国家秘密", "withheld"),
    ("withheld_law", "2.其他法律行政法规禁止公开", "withheld"),
    ("withheld_security", "3.危及“三安全一稳定”", "withheld"),
    ("withheld_third_party", "4.保护第三方合法权益", "withheld"),
    ("withheld_internal", "5.属于三类内部事务信息", "withheld"),
    ("withheld_process", "6.属于四类过程性信息", "withheld"),
    ("withheld_enforcement", "7.属于行政执法案卷", "withheld"),
    ("withheld_query", "8.属于行政查询事项", "withheld"),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息", "unavailable"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作", "unavailable"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确", "unavailable"),
    ("not_handled_petition", "1.信访举报投诉类申请", "not_handled"),
    ("not_handled_repeat", "2.重复申请", "not_handled"),
    ("not_handled_publication", "3.要求提供公开出版物", "not_handled"),
    ("not_handled_excessive", "4.无正当理由大量反复申请", "not_handled"),
    ("not_handled_confirm", "5.要求行政机关确认或重新出具已获取信息", "not_handled"),
    (
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other",
    ),
    (
        "other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "other",
    ),
    ("other_other", "3.其他", "other"),
]
OUTCOME_CHOICES = [(code, label) for code, label, _group in OUTCOME_ROWS]
OUTCOME_LABELS = dict(OUTCOME_CHOICES)
OUTCOME_GROUPS = [
    ("disclosed", "（一）予以公开"),
    ("partial", "（二）部分公开"),
    ("withheld", "（三）不予公开"),
    ("unavailable", "（四）无法提供"),
    ("not_handled", "（五）不予处理"),
    ("other", "（六）其他处理"),
]

ALLOWED_OUTCOMES = {
    ReplyKind.ALREADY_PUBLISHED: ["disclosed"],
    ReplyKind.DISCLOSED: ["disclosed"],
    ReplyKind.PARTIAL: ["partial"],
    ReplyKind.WITHHELD: [code for code, _l, group in OUTCOME_ROWS if group == "withheld"],
    ReplyKind.NOT_EXIST: ["unavailable_not_held", "unavailable_needs_creation"],
    ReplyKind.NOT_THIS_ORGAN: ["unavailable_not_held"],
    ReplyKind.REPEAT: ["not_handled_repeat"],
    ReplyKind.SPECIAL_LAW: ["other_other"],
    ReplyKind.NOT_HANDLED: [
        "unavailable_unclear",
        *(code for code, _l, group in OUTCOME_ROWS if group == "not_handled"),
    ],
}

# The rows under their table 三 headings (an <optgroup> each): "2." alone is ambiguous.
OUTCOME_GROUPED_CHOICES = [
    (heading, [(code, label) for code, label, group in OUTCOME_ROWS if group == key])
    for key, heading in OUTCOME_GROUPS
]
