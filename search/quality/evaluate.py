"""Recall@10 and MRR of a search function over the labelled queries (queries.json)."""

import json
from pathlib import Path

QUERIES_FILE = Path(__file__).with_name("queries.json")
CUTOFF = 10


def load_queries() -> list[dict]:
    return json.loads(QUERIES_FILE.read_text(encoding="utf-8"))["queries"]


def evaluate(search_titles, queries=None) -> dict:
    """`search_titles(query) -> ranked titles`. Recall@10 averages the share of expected titles in
    the top ten; MRR averages 1/rank of the first expected title (0 when absent)."""
    queries = queries or load_queries()
    recall_sum, rr_sum, misses = 0.0, 0.0, []
    for item in queries:
        ranked = list(search_titles(item["query"]))[:CUTOFF]
        expected = item["expected"]
        found = [title for title in expected if title in ranked]
        recall_sum += len(found) / len(expected)
        ranks = [ranked.index(title) + 1 for title in found]
        rr_sum += 1 / min(ranks) if ranks else 0.0
        if len(found) < len(expected):
            misses.append(item["query"])
    count = len(queries)
    return {"queries": count, "recall": recall_sum / count, "mrr": rr_sum / count, "misses": misses}
