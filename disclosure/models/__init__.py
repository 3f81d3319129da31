"""Models of on-request disclosure, split by topic."""

from .fees import FeeDelivery, FeeMethod, FeeNotice
from .remedies import Remedy, RemedyKind, RemedyResult
from .replies import REMEDY_CLAUSE, Reply, ReplyAttachment, ReplyTemplate
from .report_review import OrganisationRoleTask
from .reports import AnnualReport, AnnualReportReminder
from .requests import (
    CONCLUDED_STATES,
    ApplicantKind,
    Channel,
    Delivery,
    DisclosureRequest,
    InformationForm,
    LegalKind,
    OfficerNotification,
    Pause,
    PauseKind,
    Reminder,
    RequestAttachment,
    State,
    Transition,
)

__all__ = [
    "CONCLUDED_STATES",
    "REMEDY_CLAUSE",
    "AnnualReport",
    "AnnualReportReminder",
    "ApplicantKind",
    "Channel",
    "Delivery",
    "DisclosureRequest",
    "FeeDelivery",
    "FeeMethod",
    "FeeNotice",
    "InformationForm",
    "LegalKind",
    "OfficerNotification",
    "OrganisationRoleTask",
    "Pause",
    "PauseKind",
    "Reminder",
    "Remedy",
    "RemedyKind",
    "RemedyResult",
    "Reply",
    "ReplyAttachment",
    "ReplyTemplate",
    "RequestAttachment",
    "State",
    "Transition",
]
