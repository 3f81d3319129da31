"""Search documents for the cluster core's own content: articles (文章).

The pattern every content type follows (docs/search.md): a SearchSource that lists the public
objects and describes one as a SearchRecord, and the Elasticsearch Document for its index.
Feature apps keep theirs in their own `documents.py`; the core knows no search app, so its
articles are registered here, by the search app that knows the core.
"""

from cluster.models import ArticlePage

from .documents import SearchDocument
from .registry import PageSource, register
from .text import plain_text


class ArticleDocument(SearchDocument):
    """Articles share the common fields; facet fields stay empty (articles have no 主题分类)."""


@register
class ArticleSource(PageSource):
    label = "article"
    verbose_name = "文章"
    model = ArticlePage
    document = ArticleDocument

    def record(self, page):
        return self.base_record(
            page,
            body=plain_text(page.body),
            summary=page.summary or page.search_description,
            keywords=page.keywords,
        )
