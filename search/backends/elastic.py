"""The Elasticsearch 8 backend: the same SearchQuery, answered from the type aliases."""

from django.conf import settings
from django.utils.dateparse import parse_datetime
from elasticsearch_dsl import Q, Search

from .. import registry
from ..documents import alias_name
from ..query import FACET_FIELDS, Hit, SearchQuery, SearchResults
from .database import FACET_SIZE

WORD_FIELDS = ["title^3", "body", "document_number.text^2"]
CHAR_FIELDS = ["title.chars^3", "body.chars"]


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, client):
        self.client = client

    def indices(self) -> str:
        return ",".join(alias_name(source.label) for source in registry.sources())

    def search(self, query: SearchQuery) -> SearchResults:
        if query.empty:
            return SearchResults(query, [], 0, {}, self.name)
        relaxed = False
        response = self._execute(query, self._strict(query)) if query.clauses else None
        if response is None or response.hits.total.value == 0:
            response, relaxed = self._execute(query, self._relaxed(query)), True
        hits = [_hit(h) for h in response.hits]
        facets = {
            field: [(str(bucket.key), bucket.doc_count) for bucket in _buckets(response, field)]
            for field in FACET_FIELDS
        }
        total = response.hits.total
        return SearchResults(
            query, hits, total.value, facets, self.name, relaxed=relaxed,
            approximate=total.relation == "gte",
        )  # fmt: skip

    def _strict(self, query):
        must = [
            Q(
                "bool",
                should=[
                    Q(
                        "multi_match",
                        query=" ".join(alt),
                        fields=WORD_FIELDS,
                        type="cross_fields",
                        operator="and",
                    )
                    for alt in clause
                ],
                minimum_should_match=1,
            )
            for clause in query.clauses
        ]
        phrase = Q("match_phrase", **{"title.chars": {"query": query.text, "boost": 2}})
        return Q("bool", must=must, should=[phrase])

    def _relaxed(self, query):
        """Character pairs as phrases in the character-level fields (as the database does)."""
        should = [
            Q("multi_match", query=gram.replace(" ", ""), fields=CHAR_FIELDS, type="phrase")
            for gram in query.chars
        ]
        return Q("bool", should=should, minimum_should_match=1)

    def _execute(self, query, text_query):
        # Counting every match of a common word over a million documents costs more than the
        # search: past the threshold the total is a floor ("超过 N 条"). Facet filters go in
        # filter context (no scoring, cached per segment); the shard request cache keeps whole
        # answers, facets included, until the next refresh.
        search = Search(using=self.client, index=self.indices()).params(
            ignore_unavailable=True, request_cache=True
        )
        search = search.extra(track_total_hits=settings.SEARCH_TOTAL_HITS_EXACT)
        search = search.query(Q("bool", must=[text_query], filter=self._filters(query)))
        for field in FACET_FIELDS:
            search.aggs.bucket(field, "terms", field=field, size=FACET_SIZE)
        if query.sort == "date":
            search = search.sort({"published": {"order": "desc", "missing": "_last"}}, "_score")
        else:
            search = search.sort("_score", {"published": {"order": "desc", "missing": "_last"}})
        start = (query.page - 1) * query.per_page
        search = search.extra(from_=start, size=query.per_page)
        return search.execute()

    def _filters(self, query):
        filters = [
            Q("term", **{field: value})
            for field, value in query.filters.items()
            if field in FACET_FIELDS
        ]
        if query.scope_path:
            filters.append(Q("prefix", scope_path=query.scope_path))
        if query.node_path:
            filters.append(
                Q(
                    "bool",
                    should=[
                        Q("prefix", scope_path=query.node_path),
                        Q("prefix", catalog_path=query.node_path),
                    ],
                    minimum_should_match=1,
                )
            )
        return filters


def _buckets(response, field):
    aggregation = getattr(response, "aggregations", None)
    return aggregation[field].buckets if aggregation is not None and field in aggregation else []


def _hit(hit) -> Hit:
    published = hit.published if hasattr(hit, "published") else None
    if isinstance(published, str):
        published = parse_datetime(published)
    return Hit(
        key=hit.key,
        content_type=hit.content_type,
        title=hit.display_title,
        url=getattr(hit, "url", ""),
        summary=getattr(hit, "summary", "") or "",
        body=getattr(hit, "body_text", "") or "",
        organisation=getattr(hit, "organisation", "") or "",
        published=published,
        document_number=getattr(hit, "document_number", "") or "",
        score=hit.meta.score or 0.0,
    )
