"""View models of the home visits (hembesök): a planned or held visit, the open visit the
visit mode stands on, an overdue visit, and the one-page besöksplan for the colleague at the
office. Frozen dataclasses: no store, no Qt."""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.domain.home_visits import Consent, Incident, VisitStatus
from vinr_desktop.views.documents import DocumentHead


@dataclass(frozen=True)
class VisitView:
    visit_id: str
    case_id: str
    status: VisitStatus
    starts_utc: str
    expected_back_utc: str
    address: str  # "Enligt överenskommelse" for a protected person
    purpose: str
    consent: Consent
    unannounced_reason: str
    companions: str
    risk_answers: tuple[tuple[str, str], ...]  # (question, answer label)
    risk_note: str
    mine: bool  # planned by the user asking
    overdue: bool  # started and past its expected time back
    back_utc: str | None = None
    incident: Incident | None = None


@dataclass(frozen=True)
class OpenVisit:
    """The visit going on now: what the visit mode needs (ids and times only)."""

    visit_id: str
    case_id: str
    expected_back_utc: str
    overdue: bool


@dataclass(frozen=True)
class VisitPlanDocument:
    """The besöksplan: where and when, who goes, the risk check, when she is expected back,
    and what the colleague does if she is not. Never a protected person's address."""

    head: DocumentHead
    starts: str  # local date and time
    expected_back: str
    address: str
    purpose: str
    consent: str
    companions: str
    risk_rows: tuple[tuple[str, str], ...]
    risk_note: str
    visitor: str  # the handläggare who goes
    visitor_phone: str
