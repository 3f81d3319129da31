"""Publishing the annual report: freezing its tables, filing it in the catalog, deadlines.

条例第四十九条: a government department publishes its report on the previous year by 31
January, a people's government at county level or above by 31 March. Publishing is the
statutory proactive disclosure of the report, so it is filed in the organisation's catalog
under 政府信息公开年报 with an 索引号. The app owning the catalog does the filing: it names a
filer in its AppConfig as `annual_report_filers` (dotted paths of `filer(report, url)`,
returning the filed page, which carries an `index_number`), so neither app imports the other.
"""

import datetime as dt

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

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
    """Publish `report`: freeze its tables, file it in the catalog, and record the 索引号.

    Raises `reports.ReportCheckFailed` (and publishes nothing) when the records fail the check
    一 + 二 = 三(七) + 四. Publishing a published report changes nothing.
    """
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if report.published:
            return report
        numbers = reports.build(report.organisation, report.year, live=True)
        report.frozen_numbers = numbers.numbers()
        report.published = True
        report.published_at = timezone.now()
        report.save(update_fields=["frozen_numbers", "published", "published_at"])
        if report.filed_page_id is None:
            url = public_url(report.organisation, report.year)
            for filer in filers():
                page = filer(report, url)  # inside this transaction: no 索引号 is lost
                if page is not None:
                    report.filed_page, report.index_number = page, page.index_number
                    report.save(update_fields=["filed_page", "index_number"])
                    break
        elif not report.filed_page.live:
            report.filed_page.specific.save_revision().publish()
            report.filed_page.refresh_from_db()
    return report


def unpublish(report: AnnualReport) -> AnnualReport:
    """Withdraw `report` (to correct it): its catalog entry goes offline, its 索引号 is kept."""
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        report.published = False
        report.frozen_numbers = None
        report.save(update_fields=["published", "frozen_numbers"])
        if report.filed_page is not None and report.filed_page.live:
            report.filed_page.specific.unpublish()
            report.filed_page.refresh_from_db()
    return report


def publication_status(year: int, today: dt.date | None = None) -> list[dict]:
    """Every organisation's report on `year`: published or not, deadline, overdue or not."""
    today = today or timezone.localdate()
    published = {
        report.organisation_id: report
        for report in AnnualReport.objects.filter(year=year, published=True)
    }
    rows = []
    for organisation in Organisation.objects.order_by("sort_order", "pk"):
        report = published.get(organisation.pk)
        deadline = deadline_for(organisation, year)
        rows.append(
            {
                "organisation": organisation,
                "report": report,
                "deadline": deadline,
                "overdue": report is None and today > deadline,
                "late": report is not None
                and report.published_at is not None
                and timezone.localdate(report.published_at) > deadline,
                "url": public_url(organisation, year),
            }
        )
    return rows
