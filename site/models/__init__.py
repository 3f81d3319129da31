"""Cluster-core models: organisations, per-site settings and the base page types."""

from .calendar import CalendarDay, CalendarYear
from .health import HealthFinding, HealthRun, InspectionSettings
from .numbering import NumberSequence
from .organisations import Organisation, OrganisationGroup, OrganisationLevel
from .outbox import OutgoingMail
from .pages import (
    ArticlePage,
    ColumnEntry,
    ColumnPage,
    ColumnType,
    OrganisationHomePage,
    PortalHomePage,
)
from .site_settings import SiteSettings
from .submissions import Submission

__all__ = [
    "CalendarDay",
    "CalendarYear",
    "ArticlePage",
    "ColumnEntry",
    "ColumnPage",
    "ColumnType",
    "HealthFinding",
    "HealthRun",
    "InspectionSettings",
    "NumberSequence",
    "Organisation",
    "OrganisationGroup",
    "OrganisationLevel",
    "OutgoingMail",
    "OrganisationHomePage",
    "PortalHomePage",
    "SiteSettings",
    "Submission",
]
