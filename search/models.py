"""The database side of search: one denormalised row per searchable object, plus the
editor-managed synonyms and pinned results and the query log."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from . import text
from .registry import SearchRecord

RECORD_FIELDS = [
    "content_type", "title", "body", "summary", "url", "organisation_id", "organisation",
    "scope_path", "catalog_path", "published", "document_number", "keywords", "topic", "genre",
    "five_publics", "validity",
]  # fmt: skip


class SearchEntry(models.Model):
    """One searchable object with jieba-segmented text; indexed by SQLite FTS5 or a PostgreSQL
    tsvector (migration 0002) and the source of every Elasticsearch document."""

    key = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=40, db_index=True)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)
    organisation = models.CharField(max_length=100, blank=True, db_index=True)
    scope_path = models.CharField(max_length=255, blank=True, db_index=True)
    catalog_path = models.CharField(max_length=255, blank=True, db_index=True)
    published = models.DateTimeField(null=True, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    document_number = models.CharField(max_length=100, blank=True)
    keywords = models.CharField(max_length=500, blank=True)
    topic = models.CharField(max_length=60, blank=True, db_index=True)
    genre = models.CharField(max_length=60, blank=True, db_index=True)
    five_publics = models.CharField(max_length=20, blank=True, db_index=True)
    validity = models.CharField(max_length=20, blank=True, db_index=True)
    # What the full-text indexes see (space-separated tokens).
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    char_tokens = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("搜索记录")
        verbose_name_plural = _("搜索记录")

    def __str__(self):
        return self.title

    @classmethod
    def values_from_record(cls, record: SearchRecord) -> dict:
        """Column values for `record`, with the segmented text both backends index."""
        values = {name: getattr(record, name) for name in RECORD_FIELDS}
        values["year"] = record.year
        body = text.plain_text(record.body)[: text.MAX_INDEXED_BODY]
        values["body"] = body
        heading = " ".join(filter(None, [record.title, record.document_number, record.keywords]))
        values["title_tokens"] = text.index_tokens(heading)
        values["body_tokens"] = text.index_tokens(" ".join([record.summary, body]))
        values["char_tokens"] = text.char_tokens(" ".join([heading, record.summary]))
        return values


class SynonymGroup(models.Model):
    """Words the public use interchangeably (发改委 ↔ 发展和改革委员会); a query for any one
    also finds the others."""

    terms = models.TextField(
        _("同义词"), help_text=_("每行一个词，或用逗号分隔，例如：发改委，发展和改革委员会")
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = _("同义词组")
        verbose_name_plural = _("同义词组")

    def __str__(self):
        return " ↔ ".join(self.term_list())

    def term_list(self) -> list[str]:
        parts = [
            text.normalise(p) for p in self.terms.replace("，", ",").replace("\n", ",").split(",")
        ]
        return list(dict.fromkeys(p for p in parts if p))


class PinnedResult(models.Model):
    """A result editors put first for one query (置顶结果)."""

    query = models.CharField(_("检索词"), max_length=100)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("置顶页面"), on_delete=models.CASCADE, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    panels = [FieldPanel("query"), FieldPanel("page"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("置顶结果")
        verbose_name_plural = _("置顶结果")
        ordering = ["query", "sort_order", "id"]

    def __str__(self):
        return f"{self.query} → {self.page}"

    def save(self, *args, **kwargs):
        self.query = text.clean_query(self.query)
        super().save(*args, **kwargs)


class QueryLog(models.Model):
    """How often a query was asked and whether it found anything (for editors' reports)."""

    query = models.CharField(_("检索词"), max_length=100, unique=True)
    count = models.PositiveIntegerField(_("检索次数"), default=0)
    zero_result_count = models.PositiveIntegerField(_("无结果次数"), default=0)
    last_hits = models.PositiveIntegerField(_("最近结果数"), default=0)
    last_searched = models.DateTimeField(_("最近检索时间"), auto_now=True)

    class Meta:
        verbose_name = _("检索记录")
        verbose_name_plural = _("检索记录")
        ordering = ["-count"]

    def __str__(self):
        return self.query


class IndexBacklog(models.Model):
    """Keys whose Elasticsearch write failed (node unreachable); replayed when it returns."""

    key = models.CharField(max_length=80, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key
