"""Migration disclosure 0010 keeps every annual report's state when it brings in the review."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import WorkflowContentType

from disclosure.models import AnnualReport
from tests.helpers import make_organisation

BEFORE = [("disclosure", "0009_merge_private_attachments_and_main")]
AFTER = [("disclosure", "0010_annual_report_review_workflow")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_published_reports_stay_published_and_drafts_stay_drafts():
    fgw = make_organisation("fgw", hostname="fgw.localhost")
    published_at = dt.datetime(2027, 1, 20, 9, 30, tzinfo=dt.UTC)
    try:
        old = migrate(BEFORE).get_model("disclosure", "AnnualReport")
        old.objects.create(
            organisation_id=fgw.pk, year=2025, overview="<p>已发布的总体情况</p>", published=True,
            published_at=published_at, frozen_numbers={"totals": {"new": 4}},
            index_number=f"{fgw.credit_code}/2027-00001",
        )  # fmt: skip
        old.objects.create(organisation_id=fgw.pk, year=2026, overview="<p>草稿</p>")
    finally:
        migrate(AFTER)
    published = AnnualReport.objects.get(organisation=fgw, year=2025)
    assert published.live and not published.has_unpublished_changes
    assert published.last_published_at == published_at == published.first_published_at
    assert published.frozen_numbers == {"totals": {"new": 4}}
    assert published.index_number == f"{fgw.credit_code}/2027-00001"
    assert "已发布的总体情况" in published.overview
    draft = AnnualReport.objects.get(organisation=fgw, year=2026)
    assert not draft.live and draft.published_at is None
    workflow = WorkflowContentType.objects.get(content_type__model="annualreport").workflow
    assert [task.specific.role for task in workflow.tasks] == [
        "reviewer", "second_reviewer", "head"
    ]  # fmt: skip
