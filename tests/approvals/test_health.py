"""The site-health monitor reports approval results published too late."""

import datetime as dt

from cluster.health import inspect_site
from disclosure.approvals.ingest import ingest
from tests.approvals.builders import make_source, record


def test_late_approval_results_are_a_health_finding(bureau):
    source, _token = make_source(bureau)
    old = (dt.date.today() - dt.timedelta(days=60)).isoformat()
    recent = dt.date.today().isoformat()
    ingest(
        source,
        [
            record(bureau, 1, decision_date=old, valid_from=old),
            record(bureau, 2, decision_date=recent, valid_from=recent),
        ],
    )
    run = inspect_site(bureau.site, check_external_links=False)
    [finding] = run.findings.filter(rule="late_approval_results")
    assert finding.message == "近一年有1条行政许可决定超过7个工作日才公示"
    assert finding.fix_url == "/admin/approvals/timeliness/"
