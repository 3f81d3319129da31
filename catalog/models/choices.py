"""Fixed vocabularies of a disclosure item (docs/statute.md §3–§4)."""

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

_labels: dict = {}  # field → {value: lazy label}, the labels left untranslated


def choice_label(field, value) -> str:
    """What `get_<field>_display()` shows, translating only the label shown.

    Django's own builds a dict of every (value, label) pair on each call, which translates
    all the labels (about fifty on an item page, each looked up through every catalog).
    """
    labels = _labels.get(field)
    if labels is None:
        labels = _labels[field] = {make_hashable(key): label for key, label in field.flatchoices}
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


class NodeKind(models.TextChoices):
    GUIDE = "guide", _("政府信息公开指南")
    RULES = "rules", _("政府信息公开制度")
    STATUTORY = "statutory", _("法定主动公开内容")
    STATUTORY_ITEM = "statutory_item", _("法定主动公开事项")
    ANNUAL_REPORT = "annual_report", _("政府信息公开年报")
    REQUEST = "request", _("依申请公开")
    CUSTOM = "custom", _("自定义栏目")


class Article20Item(models.IntegerChoices):
    """The fifteen items of 政府信息公开条例第二十条."""

    REGULATIONS = 1, _("（一）行政法规、规章和规范性文件")
    FUNCTIONS = 2, _("（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名")
    PLANS = 3, _("（三）国民经济和社会发展规划、专项规划、区域规划及相关政策")
    STATISTICS = 4, _("（四）国民经济和社会发展统计信息")
    LICENSING = 5, _("（五）行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果")
    PENALTIES = 6, _("（六）行政处罚、行政强制的依据、条件、程序以及有较大社会影响的处罚决定")
    BUDGETS = 7, _("（七）财政预算、决算信息")
    FEES = 8, _("（八）行政事业性收费项目及其依据、标准")
    PROCUREMENT = 9, _("（九）政府集中采购项目的目录、标准及实施情况")
    CONSTRUCTION = 10, _("（十）重大建设项目的批准和实施情况")
    LIVELIHOOD = 11, _("（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况")
    EMERGENCY = 12, _("（十二）突发公共事件的应急预案、预警信息及应对情况")
    SUPERVISION = 13, _("（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况")
    CIVIL_SERVICE = 14, _("（十四）公务员招考的职位、名额、报考条件等事项以及录用结果")
    OTHER = 15, _("（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息")


# Short node titles and slugs of the statutory catalog, one node per 第二十条 item.
ARTICLE20_NODES = {
    1: ("规章和规范性文件", "gzhgfxwj"),
    2: ("机构职能", "jgzn"),
    3: ("规划计划", "ghjh"),
    4: ("统计信息", "tjxx"),
    5: ("行政许可", "xzxk"),
    6: ("行政处罚和行政强制", "xzcf"),
    7: ("财政预决算", "czyjs"),
    8: ("行政事业性收费", "xzsyxsf"),
    9: ("政府采购", "zfcg"),
    10: ("重大建设项目", "zdjsxm"),
    11: ("民生政策", "mszc"),
    12: ("应急管理", "yjgl"),
    13: ("监督检查", "jdjc"),
    14: ("公务员招录", "gwyzl"),
    15: ("其他主动公开内容", "qtzdgk"),
}


class FivePublics(models.TextChoices):
    """五公开 (中办发〔2016〕8号)."""

    DECISION = "decision", _("决策公开")
    EXECUTION = "execution", _("执行公开")
    MANAGEMENT = "management", _("管理公开")
    SERVICE = "service", _("服务公开")
    RESULT = "result", _("结果公开")


class Genre(models.TextChoices):
    """体裁分类: the 公文 kinds plus 规划, 计划, 总结, 统计数据, 其他."""

    RESOLUTION = "resolution", _("决议")
    DECISION = "decision", _("决定")
    ORDER = "order", _("命令")
    COMMUNIQUE = "communique", _("公报")
    ANNOUNCEMENT = "announcement", _("公告")
    PUBLIC_NOTICE = "public_notice", _("通告")
    OPINION = "opinion", _("意见")
    NOTICE = "notice", _("通知")
    BULLETIN = "bulletin", _("通报")
    REPORT = "report", _("报告")
    REQUEST = "request", _("请示")
    REPLY = "reply", _("批复")
    MOTION = "motion", _("议案")
    LETTER = "letter", _("函")
    MINUTES = "minutes", _("纪要")
    PLAN = "plan", _("规划")
    SCHEME = "scheme", _("计划")
    SUMMARY = "summary", _("总结")
    STATISTICS = "statistics", _("统计数据")
    INTERPRETATION = "interpretation", _("解读")
    OTHER = "other", _("其他")


class ServiceTarget(models.TextChoices):
    """服务对象分类."""

    PUBLIC = "public", _("社会公众")
    CITIZENS = "citizens", _("自然人")
    ENTERPRISES = "enterprises", _("企业")
    ORGANISATIONS = "organisations", _("社会组织")
    GOVERNMENT = "government", _("政府部门")
    OTHER = "other", _("其他")


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")


class DocumentClass(models.TextChoices):
    """The document class counted in table 二 of the annual report (not the 体裁)."""

    REGULATION = "regulation", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他")


class DisclosureAttribute(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class DisclosureMethod(models.TextChoices):
    WEBSITE = "website", _("政府网站")
    GAZETTE = "gazette", _("政府公报")
    READING_ROOM = "reading_room", _("公开查阅点")
    PRESS = "press", _("新闻发布会")
    MEDIA = "media", _("广播电视、报刊等媒体")
    OTHER = "other", _("其他")


class DisclosureScope(models.TextChoices):
    SOCIETY = "society", _("面向全社会")
    SPECIFIC = "specific", _("特定对象")
