"""Search documents for the cluster's own content: articles (文章).

The pattern every content type follows (docs/search.md): a SearchSource that lists the public
objects and describes one as a SearchRecord, and the Elasticsearch Document for its index.
"""

from search.documents import SearchDocument
from search.registry import PageSource, register
from search.text import plain_text

from .models import ArticlePage


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
