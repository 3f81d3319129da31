"""Demo search data: synonyms editors would add, one pinned result, and a full index build."""

from django.db import transaction

from cluster.models import ArticlePage

from . import indexing
from .engine import elastic_available, elastic_client
from .models import PinnedResult, SynonymGroup

DEMO_SYNONYMS = [
    "发改委,发展和改革委员会,发展改革委",
    "审批局,行政审批服务局",
    "医保,医疗保障",
    "停车费,机动车停放服务收费",
    "燃气,天然气",
    "市民之家,政务服务中心",
    "招聘,选调",
]
DEMO_PINS = [("营商环境", "《云溪市进一步优化营商环境若干措施》的通知")]


def load_demo(organisations, log=print):
    for terms in DEMO_SYNONYMS:
        SynonymGroup.objects.get_or_create(terms=terms)
    for query, title_part in DEMO_PINS:
        page = ArticlePage.objects.filter(title__contains=title_part).first()
        if page is not None:
            PinnedResult.objects.get_or_create(query=query, page=page)
    counts = indexing.rebuild_database()
    log(f"搜索：数据库检索记录 {counts['indexed']} 条，同义词 {SynonymGroup.objects.count()} 组")
    if elastic_client() is not None:
        transaction.on_commit(_rebuild_elasticsearch)
    return []


def _rebuild_elasticsearch():
    if elastic_available():
        indexing.rebuild_elasticsearch()
