"""What the public asked for, parsed once and handed to either backend."""

import dataclasses
import datetime as dt

from . import text

FACETS = [
    ("organisation", "发布机构"),
    ("content_type", "内容类型"),
    ("topic", "主题分类"),
    ("genre", "体裁"),
    ("year", "年份"),
    ("five_publics", "五公开"),
    ("validity", "有效性"),
]
FACET_FIELDS = [field for field, _label in FACETS]
SORTS = ("relevance", "date")


@dataclasses.dataclass
class SearchQuery:
    """A cleaned query. `clauses` must all match; each clause lists alternatives (synonyms),
    each alternative a list of tokens that must all match."""

    text: str
    clauses: list[list[list[str]]]
    chars: list[str]  # text.char_bigrams(): phrases of one or two characters
    filters: dict[str, str] = dataclasses.field(default_factory=dict)
    scope_path: str = ""
    node_path: str = ""
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10

    @property
    def terms(self) -> list[str]:
        """Every token that may be highlighted."""
        return list(dict.fromkeys(t for clause in self.clauses for alt in clause for t in alt))

    @property
    def highlight_chars(self) -> list[str]:
        return list(dict.fromkeys(c for gram in self.chars for c in gram.split()))

    @property
    def empty(self) -> bool:
        return not self.clauses and not self.chars


def build_clauses(query_text: str, synonym_groups: list[list[str]]) -> list[list[list[str]]]:
    """Split a cleaned query into clauses, expanding synonyms found in it (longest first)."""
    remaining = query_text
    clauses = []
    by_term = {term: group for group in synonym_groups for term in group}
    for term in sorted(by_term, key=len, reverse=True):
        if term in remaining:
            alternatives = [text.query_tokens(alt) or [alt] for alt in by_term[term]]
            clauses.append(alternatives)
            remaining = remaining.replace(term, " ")
    clauses += [[[token]] for token in text.query_tokens(remaining)]
    return clauses


def parse(raw: str, synonym_groups=(), **options) -> SearchQuery:
    cleaned = text.clean_query(raw)
    chars = text.char_bigrams(cleaned)
    return SearchQuery(
        text=cleaned, clauses=build_clauses(cleaned, list(synonym_groups)), chars=chars, **options
    )


@dataclasses.dataclass
class Hit:
    key: str
    content_type: str
    title: str
    url: str
    summary: str
    body: str
    organisation: str
    published: dt.datetime | None
    document_number: str = ""
    score: float = 0.0
    pinned: bool = False


@dataclasses.dataclass
class SearchResults:
    query: SearchQuery
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    backend: str
    relaxed: bool = False  # no result matched every word; these match some of them
    degraded: bool = False  # Elasticsearch was unreachable; answered from the database
    approximate: bool = False  # more than SEARCH_TOTAL_HITS_EXACT results: `total` is a floor
