"""The embedded backend: SQLite FTS5 or PostgreSQL tsvector over jieba-segmented columns."""

from collections import Counter

from django.db import connection
from django.db.models import Q

from ..models import SearchEntry
from ..query import FACET_FIELDS, Hit, SearchQuery, SearchResults

FACET_SIZE = 20


def apply_filters(queryset, query: SearchQuery, exclude: str | None = None):
    """Facet selections, site scope and catalog node, shared by hits and facet counts."""
    for field, value in query.filters.items():
        if field != exclude and field in FACET_FIELDS:
            queryset = queryset.filter(**{field: value})
    if query.scope_path:
        queryset = queryset.filter(scope_path__startswith=query.scope_path)
    if query.node_path:
        queryset = queryset.filter(
            Q(scope_path__startswith=query.node_path) | Q(catalog_path__startswith=query.node_path)
        )
    return queryset


class _Sqlite:
    rank_descending = False  # bm25(): lower is better

    @staticmethod
    def _quote(token):
        return '"' + token.replace('"', '""') + '"'

    def expression(self, clauses, any_of=False):
        if any_of:  # character phrases in the character column
            return "char_tokens : (" + " OR ".join(self._quote(t) for t in clauses) + ")"
        parts = []
        for clause in clauses:
            alternatives = ["(" + " AND ".join(self._quote(t) for t in alt) + ")" for alt in clause]
            parts.append("(" + " OR ".join(alternatives) + ")")
        return " AND ".join(parts)

    def match(self, queryset, expression, rank=True):
        if not rank:  # let the FTS index drive: one subquery, not one MATCH per row
            return queryset.extra(
                where=[
                    "search_searchentry.id IN (SELECT rowid FROM search_searchentry_fts"
                    " WHERE search_searchentry_fts MATCH %s)"
                ],
                params=[expression],
            )
        return queryset.extra(
            tables=["search_searchentry_fts"],
            where=[
                "search_searchentry_fts.rowid = search_searchentry.id",
                "search_searchentry_fts MATCH %s",
            ],
            params=[expression],
            select={"rank": "bm25(search_searchentry_fts, 10.0, 3.0, 1.0)"},
        )


class _Postgresql:
    rank_descending = True

    @staticmethod
    def _quote(token):
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"

    def expression(self, clauses, any_of=False):
        if any_of:  # character phrases
            return " | ".join(
                "(" + " <-> ".join(self._quote(c) for c in gram.split()) + ")" for gram in clauses
            )
        parts = []
        for clause in clauses:
            alternatives = ["(" + " & ".join(self._quote(t) for t in alt) + ")" for alt in clause]
            parts.append("(" + " | ".join(alternatives) + ")")
        return " & ".join(parts)

    def match(self, queryset, expression, rank=True):
        if not rank:
            return queryset.extra(
                where=["search_vector @@ to_tsquery('simple', %s)"], params=[expression]
            )
        return queryset.extra(
            where=["search_vector @@ to_tsquery('simple', %s)"],
            params=[expression],
            select={"rank": "ts_rank(search_vector, to_tsquery('simple', %s))"},
            select_params=[expression],
        )


class DatabaseBackend:
    """Search records in the database; the default, and the fallback for Elasticsearch."""

    name = "database"

    def __init__(self):
        self.dialect = _Postgresql() if connection.vendor == "postgresql" else _Sqlite()

    def search(self, query: SearchQuery) -> SearchResults:
        if query.empty:
            return SearchResults(query, [], 0, {}, self.name)
        relaxed = False
        facet_rows = []
        if query.clauses:
            facet_rows = self._facet_rows(query, any_of=False)
        if not facet_rows:
            relaxed = True
            facet_rows = self._facet_rows(query, any_of=True)
        total = len(facet_rows)
        ranked = apply_filters(self._matched(query, any_of=relaxed), query)
        rank = "-rank" if self.dialect.rank_descending else "rank"
        order = [rank, "-published"] if query.sort == "relevance" else ["-published", rank]
        start = (query.page - 1) * query.per_page
        rows = ranked.order_by(*order)[start : start + query.per_page] if total else []
        hits = [hit_from_entry(row) for row in rows]
        facets = _count_facets(facet_rows)
        return SearchResults(query, hits, total, facets, self.name, relaxed=relaxed)

    def _matched(self, query: SearchQuery, any_of: bool, rank=True):
        terms = query.chars if any_of else query.clauses
        if not terms:
            return SearchEntry.objects.none()
        expression = self.dialect.expression(terms, any_of)
        return self.dialect.match(SearchEntry.objects.all(), expression, rank=rank)

    def _facet_rows(self, query, any_of):
        """The facet values of every match: one query gives the total and all facet counts."""
        matched = self._matched(query, any_of=any_of, rank=False)
        return list(apply_filters(matched, query).values_list(*FACET_FIELDS))


def _count_facets(rows) -> dict[str, list[tuple[str, int]]]:
    facets = {}
    for position, field in enumerate(FACET_FIELDS):
        counts = Counter(row[position] for row in rows if row[position] not in (None, ""))
        ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
        facets[field] = [(str(value), n) for value, n in ranked[:FACET_SIZE]]
    return facets


def hit_from_entry(row) -> Hit:
    """A result for one SearchEntry row."""
    return Hit(
        key=row.key,
        content_type=row.content_type,
        title=row.title,
        url=row.url,
        summary=row.summary,
        body=row.body,
        organisation=row.organisation,
        published=row.published,
        document_number=row.document_number,
        score=float(getattr(row, "rank", 0) or 0),
    )
