"""The labelled query set over the demo corpus: our backends must find what the public wants."""

from io import StringIO

import pytest
from django.core.management import call_command

from search.quality.evaluate import load_queries

# The command compares our backends with Wagtail's stock search, which needs its own index.
pytestmark = [pytest.mark.slow, pytest.mark.backends, pytest.mark.wagtail_search_index]


def test_query_set_is_large_and_covers_every_kind():
    queries = load_queries()
    assert len(queries) >= 50
    kinds = {item["kind"] for item in queries}
    assert kinds >= {"policy name", "document number", "abbreviation", "organisation",
                     "partial title", "typo", "traditional"}  # fmt: skip


@pytest.mark.django_db
def test_quality_command_reports_recall_and_mrr(demo_cluster):
    out = StringIO()
    call_command("search_quality", stdout=out)
    rows = {
        line.split()[0]: [float(value) for value in line.split()[-2:]]
        for line in out.getvalue().splitlines()[1:]
    }
    database = rows["数据库（jieba"]
    stock = rows["Wagtail"]
    assert database[0] >= 0.95 and database[1] >= 0.9  # recall@10, MRR
    assert stock[0] > 0  # the stock index was filled, so the comparison means something
    assert database[0] > stock[0] + 0.5
