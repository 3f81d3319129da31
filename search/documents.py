"""The Elasticsearch document every content type's Document extends, and its index names.

Indexes are named `<SEARCH_INDEX_PREFIX>-<content type>-<timestamp>` and read and written
through the alias `<SEARCH_INDEX_PREFIX>-<content type>`, so `search_reindex` can build a new
index and switch the alias with no downtime.

Chinese analysis: the stock node has no Chinese analyzer, so text is segmented by jieba in
Python and indexed with the whitespace analyzer; a `.chars` sub-field (standard analyzer, which
splits CJK text into single characters) gives recall for partial words and typos. With
SEARCH_ELASTICSEARCH_IK the cluster's IK analyzer segments the original text instead.
"""

from django.conf import settings
from django.utils import timezone
from elasticsearch_dsl import Date, Document, Integer, Keyword, Long, Text

IK = getattr(settings, "SEARCH_ELASTICSEARCH_IK", False)
WORD_ANALYZER = "ik_max_word" if IK else "whitespace"
WORD_SEARCH_ANALYZER = "ik_smart" if IK else "whitespace"


def _text_field():
    return Text(
        analyzer=WORD_ANALYZER,
        search_analyzer=WORD_SEARCH_ANALYZER,
        fields={"chars": Text(analyzer="standard")},
    )


def alias_name(label: str) -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-{label}"


def new_index_name(label: str) -> str:
    return f"{alias_name(label)}-{timezone.now():%Y%m%d%H%M%S%f}"


def _facet_field():
    # Terms aggregations over a keyword need the shard's global ordinals. Built lazily, the
    # first search after a refresh or a restart builds them over every document; eagerly,
    # the refresh that makes new documents visible does, and no search waits for them.
    return Keyword(eager_global_ordinals=True)


class SearchDocument(Document):
    """Fields every searchable content type has; facet fields exist even when a type leaves
    them empty, so every index answers the same aggregations."""

    key = Keyword()
    content_type = _facet_field()
    title = _text_field()
    body = _text_field()
    display_title = Keyword(index=False, doc_values=False)
    summary = Text(index=False)
    body_text = Text(index=False)
    url = Keyword(index=False, doc_values=False)
    organisation_id = Long()
    organisation = _facet_field()
    scope_path = Keyword()
    catalog_path = Keyword()
    published = Date()
    year = Integer()
    document_number = Keyword(fields={"text": Text(analyzer="standard")})
    topic = _facet_field()
    genre = _facet_field()
    five_publics = _facet_field()
    validity = _facet_field()

    @classmethod
    def from_entry(cls, entry):
        """The document for a search.models.SearchEntry row (text already segmented)."""
        return cls(
            meta={"id": entry.key},
            key=entry.key,
            content_type=entry.content_type,
            title=(
                " ".join(filter(None, [entry.title, entry.document_number, entry.keywords]))
                if IK
                else entry.title_tokens
            ),
            body=" ".join([entry.summary, entry.body]) if IK else entry.body_tokens,
            display_title=entry.title,
            summary=entry.summary,
            body_text=entry.body,
            url=entry.url,
            organisation_id=entry.organisation_id,
            organisation=entry.organisation,
            scope_path=entry.scope_path,
            catalog_path=entry.catalog_path,
            published=entry.published,
            year=entry.year,
            document_number=entry.document_number,
            topic=entry.topic,
            genre=entry.genre,
            five_publics=entry.five_publics,
            validity=entry.validity,
        )
