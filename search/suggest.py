"""Query suggestions: completions while typing, and "您是不是要找" for near misses and pinyin."""

import difflib

from django.core.cache import cache

from . import text
from .models import QueryLog, SearchEntry, SynonymGroup

VOCABULARY_CACHE_KEY = "search:vocabulary"


def completions(prefix: str, limit: int = 8) -> list[str]:
    """Popular earlier queries and titles starting with or containing what was typed."""
    prefix = text.clean_query(prefix)
    if not prefix:
        return []
    popular = QueryLog.objects.filter(query__startswith=prefix, last_hits__gt=0).values_list(
        "query", flat=True
    )[:limit]
    titles = SearchEntry.objects.filter(title__contains=prefix).order_by("-published")
    found = list(dict.fromkeys([*popular, *titles.values_list("title", flat=True)[:limit]]))
    return found[:limit]


def vocabulary() -> dict[str, str]:
    """Words worth suggesting, by their toneless pinyin: keywords, organisations, synonyms and
    queries that found something. Cached for ten minutes."""
    words = cache.get(VOCABULARY_CACHE_KEY)
    if words is not None:
        return words
    candidates = set()
    for keywords in SearchEntry.objects.order_by("-published").values_list("keywords", flat=True)[
        :5000
    ]:
        candidates.update(k.strip() for k in keywords.replace("，", ",").split(",") if k.strip())
    candidates.update(SearchEntry.objects.values_list("organisation", flat=True).distinct()[:500])
    for group in SynonymGroup.objects.all():
        candidates.update(group.term_list())
    candidates.update(
        QueryLog.objects.filter(last_hits__gt=0)
        .order_by("-count")
        .values_list("query", flat=True)[:500]
    )
    words = {}
    for word in candidates:
        if word and len(word) <= 30:
            words.setdefault(text.pinyin_key(word), text.normalise(word))
    cache.set(VOCABULARY_CACHE_KEY, words, 600)
    return words


def did_you_mean(query_text: str) -> str | None:
    """A better query for a near miss: same pinyin (typed in pinyin or with a homophone typo),
    or the closest known word by characters."""
    if not query_text:
        return None
    words = vocabulary()
    key = text.pinyin_key(query_text)
    exact = words.get(key)
    if exact and exact != query_text:
        return exact
    close = difflib.get_close_matches(key, list(words), n=1, cutoff=0.8)
    if close and words[close[0]] != query_text:
        return words[close[0]]
    close = difflib.get_close_matches(query_text, list(words.values()), n=1, cutoff=0.6)
    if close and close[0] != query_text:
        return close[0]
    return None


def clear_cache():
    cache.delete(VOCABULARY_CACHE_KEY)
