"""bench_pagecache compares cached hits with stock serving of the same pages in one run."""

from io import StringIO

from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections


def test_benchmark_measures_both_modes_and_every_cached_request_is_a_hit(columns):
    out = StringIO()
    # as Django's test client does: keep the test's transaction open between requests
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        call_command("bench_pagecache", requests=5, stdout=out, stderr=StringIO())
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)
    text = out.getvalue()
    for label in ("门户首页", "栏目列表", "文章页", "平均"):
        assert label in text
    rows = [line for line in text.splitlines() if line.startswith(("门户首页", "栏目列表"))]
    assert all(line.rstrip().endswith(" 0/0") for line in rows), rows  # no errors
    ratio = float(text.splitlines()[-1].split()[-1].rstrip("×"))
    assert ratio > 1
