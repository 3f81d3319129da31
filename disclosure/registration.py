"""Registering an application: number, private access code, receipt date, first deadline."""

import datetime as dt

from django.db import IntegrityError, transaction

from cluster import numbering
from cluster.models import Organisation
from cluster.outbox import queue_mail
from cluster.permissions import members

from . import access_codes, deadlines
from .models import Channel, DisclosureRequest, OfficerNotification, State, Transition
from .workflow import refresh_deadline

REQUEST_NUMBER = "request_number"  # numbering scope kind


def format_request_number(organisation: Organisation, year: int, serial: int) -> str:
    """申请编号 `<SLUG>-<year>-<5-digit serial>`: the applicant's key to the status page."""
    return f"{organisation.slug.upper()}-{year}-{serial:05d}"


def request_scope(organisation: Organisation, year: int) -> str:
    return numbering.scope(REQUEST_NUMBER, organisation, year)


def _last_issued(organisation: Organisation, year: int) -> int:
    """The highest serial issued before the counter existed (seeds the counter once)."""
    prefix = format_request_number(organisation, year, 0)[:-5]
    last = (
        DisclosureRequest.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return int(last.rsplit("-", 1)[1]) if last else 0


def allocate_request_number(organisation: Organisation, year: int) -> str:
    """The next 申请编号 of `organisation` in `year`, inside the transaction that stores it."""
    serial = numbering.next_serial(
        request_scope(organisation, year), seed=lambda: _last_issued(organisation, year)
    )
    return format_request_number(organisation, year, serial)


def register(
    *,
    organisation: Organisation,
    submitted_on: dt.date,
    received_on: dt.date | None = None,
    user=None,
    submission_token: str | None = None,
    files=(),
    **fields,
) -> tuple[DisclosureRequest, str]:
    """Create an application; returns it and its access code (shown to the applicant once).

    `received_on` is the receipt date under 条例第三十一条 (officers enter it for mail, fax and
    e-mail); by default the submission date, moved to the next working day when not one.
    A repeated `submission_token` raises IntegrityError and creates nothing.
    """
    code = access_codes.new_code()
    with transaction.atomic():
        received = received_on or deadlines.receipt_date(submitted_on)
        request = DisclosureRequest(
            organisation=organisation,
            number=allocate_request_number(organisation, received.year),
            access_code_hash=access_codes.make(code),
            submission_token=submission_token,
            submitted_on=submitted_on,
            received_on=received,
            registered_by=user,
            state=State.REGISTERED,
            **fields,
        )
        refresh_deadline(request, save=False)
        request.save()
        for upload in files:
            request.files.create(file=upload, name=upload.name[:200])
        Transition.objects.create(
            request=request,
            action="register",
            to_state=State.REGISTERED,
            actor=user,
            note=f"{request.get_channel_display()}，收到申请日期 {received.isoformat()}",
        )
        if request.channel == Channel.ONLINE:
            _announce(request)
    return request, code


def _announce(request: DisclosureRequest):
    """Tell the officers (dashboard notice and e-mail) and the applicant (receipt e-mail) of an
    online application, in its own transaction: nothing is lost if Redis or the mail server is
    down, since the outbox sends the e-mails later."""
    due = f"，答复期限 {request.due_on:%Y-%m-%d}" if request.due_on else ""
    message = f"收到网上政府信息公开申请 {request.number}{due}，请及时办理。"
    officers = list(members(request.organisation, ["officer"]))
    OfficerNotification.objects.bulk_create(
        OfficerNotification(user=user, request=request, message=message) for user in officers
    )
    queue_mail(f"【新申请】{message}", message, [user.email for user in officers])
    queue_mail(
        f"{request.organisation.name}已收到您的政府信息公开申请",
        f"您的政府信息公开申请已收到，申请编号 {request.number}，收到申请日期 "
        f"{request.received_on:%Y-%m-%d}{due}。请凭申请编号和查询码在网站查询办理进度。",
        [request.email],
    )


def find_by_access_code(number: str, code: str) -> DisclosureRequest | None:
    """The application with this number and code, or None (same answer for either mistake)."""
    request = DisclosureRequest.objects.filter(number=number.strip().upper()).first()
    if request is None:
        access_codes.waste_time(code)  # no timing hint that the number exists
        return None
    if not access_codes.check(code, request.access_code_hash):
        return None
    if access_codes.needs_upgrade(request.access_code_hash):
        request.access_code_hash = access_codes.make(code)
        DisclosureRequest.objects.filter(pk=request.pk).update(
            access_code_hash=request.access_code_hash
        )
    return request


__all__ = ["IntegrityError", "find_by_access_code", "register"]
