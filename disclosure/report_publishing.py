"""Publishing the annual report: freezing its tables, filing it in the catalog, deadlines.

条例第四十九条: a government department publishes its report on the previous year by 31
January, a people's government at county level or above by 31 March. Publishing is the
statutory proactive disclosure of the report, so it is filed in the organisation's catalog
under 政府信息公开年报 with an 索引号. The app owning the catalog does the filing: it names a
filer in its AppConfig as `annual_report_filers` (dotted paths of `filer(report, url)`,
returning the filed page, which carries an `index_number`), so neither app imports the other.

A report is published by the last approval of its 三审 workflow (disclosure.report_review);
whatever publishes it, Wagtail's `published` signal runs `freeze_and_file` in the same
transaction, and `unpublished` runs `take_offline`.
"""

import datetime as dt

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.actions.unpublish import UnpublishAction
from wagtail.models import WorkflowState

from cluster.models import Organisation
from cluster.models.organisations import OrganisationLevel

from . import reports
from .models import AnnualReport


def filers() -> list:
    """Every installed app's `annual_report_filers`, in INSTALLED_APPS order."""
    return [
        import_string(path)
        for config in apps.get_app_configs()
        for path in getattr(config, "annual_report_filers", ())
    ]


def deadline_for(organisation: Organisation, year: int) -> dt.date:
    """The last day to publish the report on `year` (条例第四十九条)."""
    if organisation.level == OrganisationLevel.DEPARTMENT:
        return dt.date(year + 1, 1, 31)
    return dt.date(year + 1, 3, 31)


def public_path(year: int) -> str:
    """The report page's path on the organisation's own site."""
    return f"/ysqgk/annual-report/{year}/"


def public_url(organisation: Organisation, year: int) -> str:
    """The report page's address (absolute when the organisation has a site)."""
    site = organisation.site
    return f"{site.root_url if site else ''}{public_path(year)}"


def publish(report: AnnualReport) -> AnnualReport:
    """The system path (scripts such as `load_demo`, never a person): publish the report's
    latest revision as the workflow's last approval does, without a reviewer.

    Raises `reports.ReportCheckFailed` (and publishes nothing) when the records fail the check
    一 + 二 = 三(七) + 四. Publishing a published report changes nothing.
    """
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.live:
            return report
        revision = report.save_revision(log_action=False)
        revision.publish(skip_permission_checks=True)  # sends `published`: freeze_and_file
    return AnnualReport.objects.get(pk=report.pk)


def freeze_and_file(report: AnnualReport) -> AnnualReport:
    """What publishing a report does, however it was published (receiver of Wagtail's
    `published`): freeze its tables, file it in the catalog, and record the 索引号.

    Runs inside the publishing transaction, so a failed check 一 + 二 = 三(七) + 四
    (`reports.ReportCheckFailed`) undoes the publication, and no 索引号 is lost.
    """
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    numbers = reports.build(report.organisation, report.year, live=True)
    report.frozen_numbers = numbers.numbers()
    report.save(update_fields=["frozen_numbers"])
    if report.filed_page_id is None:
        url = public_url(report.organisation, report.year)
        for filer in filers():
            page = filer(report, url)
            if page is not None:
                report.filed_page, report.index_number = page, page.index_number
                report.save(update_fields=["filed_page", "index_number"])
                break
    elif not report.filed_page.live:
        report.filed_page.specific.save_revision().publish()
        report.filed_page.refresh_from_db()
    return report


def withdraw(report: AnnualReport, user=None) -> AnnualReport:
    """Withdraw (撤回) `report` to correct it; written to its history as an unpublication by
    `user`. The caller has checked that `user` may (the head of the disclosure office)."""
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        UnpublishAction(report, user=user).execute(skip_permission_checks=True)
    return AnnualReport.objects.get(pk=report.pk)


def take_offline(report: AnnualReport) -> AnnualReport:
    """What withdrawing does (receiver of Wagtail's `unpublished`): the frozen tables are
    dropped and the catalog entry goes offline; its 索引号 is kept for the republication."""
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    report.frozen_numbers = None
    report.save(update_fields=["frozen_numbers"])
    if report.filed_page is not None and report.filed_page.live:
        report.filed_page.specific.unpublish()
        report.filed_page.refresh_from_db()
    return report


def publication_status(year: int, today: dt.date | None = None, organisations=None) -> list[dict]:
    """Each organisation's report on `year` (every organisation unless `organisations` is
    given): published or not, state in review, deadline, days left, overdue or not."""
    today = today or timezone.localdate()
    if organisations is None:
        organisations = Organisation.objects.all()
    organisations = list(organisations.order_by("sort_order", "pk"))
    reports_by_org = {
        report.organisation_id: report
        for report in AnnualReport.objects.filter(year=year, organisation__in=organisations)
    }
    in_review = set(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(AnnualReport),
            object_id__in=[str(report.pk) for report in reports_by_org.values()],
        ).values_list("object_id", flat=True)
    )
    rows = []
    for organisation in organisations:
        draft = reports_by_org.get(organisation.pk)
        report = draft if draft is not None and draft.live else None
        deadline = deadline_for(organisation, year)
        rows.append(
            {
                "organisation": organisation,
                "report": report,
                "draft": draft,
                "in_review": draft is not None and str(draft.pk) in in_review,
                "deadline": deadline,
                "days_left": (deadline - today).days,
                "days_overdue": max(0, (today - deadline).days),
                "overdue": report is None and today > deadline,
                "late": report is not None
                and report.published_at is not None
                and timezone.localdate(report.published_at) > deadline,
                "url": public_url(organisation, year),
            }
        )
    return rows
