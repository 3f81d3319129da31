"""信息报送 rules: who may submit what where, and what accepting or returning does."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Page

from .models import (
    ColumnEntry,
    ColumnPage,
    Organisation,
    OrganisationHomePage,
    PortalHomePage,
    Submission,
)
from .permissions import may, organisation_for_page, organisations_for


class SubmissionRefused(Exception):
    """A submission or review that the rules do not allow; the message is shown to the user."""


def submittable_pages(user):
    """Live content pages of the organisations in which `user` may edit content."""
    home_paths = organisations_for(user, "edit_content").values_list("home_page__path", flat=True)
    within_own_sites = Q()
    for path in home_paths:
        within_own_sites |= Q(path__startswith=path)
    if not home_paths:
        return Page.objects.none()
    return (
        Page.objects.live()
        .filter(within_own_sites)
        .not_type(ColumnPage, OrganisationHomePage, PortalHomePage)
        .order_by("-first_published_at")
    )


def target_columns(user):
    """Columns accepting submissions, outside the organisations the user edits for."""
    own_paths = organisations_for(user, "edit_content").values_list("home_page__path", flat=True)
    columns = ColumnPage.objects.live().filter(accepts_submissions=True)
    for path in own_paths:
        columns = columns.exclude(path__startswith=path)
    return columns


def submit(page, column, user, note="") -> Submission:
    """Submit `page` (of the user's organisation) to `column` for the column owner's approval."""
    organisation = organisation_for_page(page)
    if not page.live:
        raise SubmissionRefused("只能报送已发布的内容。")
    if organisation is None or not may(user, "edit_content", organisation):
        raise SubmissionRefused("只能报送本单位的内容。")
    if not column.accepts_submissions:
        raise SubmissionRefused("该栏目不接收信息报送。")
    if ColumnEntry.objects.filter(column=column, page=page).exists():
        raise SubmissionRefused("该内容已在目标栏目中显示。")
    if Submission.objects.filter(
        page=page, column=column, status=Submission.Status.PENDING
    ).exists():
        raise SubmissionRefused("该内容已报送到此栏目，正在等待审核。")
    return Submission.objects.create(
        page=page, column=column, organisation=organisation, submitted_by=user, note=note
    )


def reviewable_submissions(user):
    """Pending submissions to columns of organisations in which `user` reviews content."""
    columns = Q(pk__in=[])
    for path in organisations_for(user, "review_content").values_list("home_page__path", flat=True):
        columns |= Q(column__path__startswith=path)
    return Submission.objects.filter(columns, status=Submission.Status.PENDING)


def _check_reviewer(submission, user):
    if submission.status != Submission.Status.PENDING:
        raise SubmissionRefused("该报送已处理。")
    if not may(user, "review_content", organisation_for_page(submission.column)):
        raise SubmissionRefused("无权审核该栏目的报送。")


@transaction.atomic
def accept(submission, user) -> None:
    """Show the submitted page in the column by reference (never a copy)."""
    _check_reviewer(submission, user)
    ColumnEntry.objects.get_or_create(column=submission.column, page=submission.page)
    submission.status = Submission.Status.ACCEPTED
    submission.reviewed_by, submission.reviewed_at = user, timezone.now()
    submission.save()


def return_to_sender(submission, user, reason: str) -> None:
    """Return the submission to its department with a reason."""
    _check_reviewer(submission, user)
    if not reason.strip():
        raise SubmissionRefused("退回时必须填写理由。")
    submission.status = Submission.Status.RETURNED
    submission.reviewed_by, submission.reviewed_at = user, timezone.now()
    submission.reason = reason.strip()
    submission.save()


def yearly_counts(year: int):
    """Per organisation: submissions made in `year`, and how many were accepted and returned."""
    in_year = Q(submissions__submitted_at__year=year)
    return (
        Organisation.objects.annotate(
            submitted=Count("submissions", filter=in_year),
            accepted=Count("submissions", filter=in_year & Q(submissions__status="accepted")),
            returned=Count("submissions", filter=in_year & Q(submissions__status="returned")),
        )
        .filter(submitted__gt=0)
        .order_by("-accepted", "-submitted")
    )
