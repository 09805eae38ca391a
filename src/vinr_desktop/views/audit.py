"""What the log review (loggkontroll) hands to the UI and to the report: plain frozen values.

A case the reader may not open is shown as "Skyddat ärende" with a short reference code, never
with its number; details that belong to such a case are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vinr_desktop.domain.audit_events import FLAG_LABELS, EventGroup, Flag


@dataclass(frozen=True)
class AuditFilter:
    user_id: str | None = None
    case_id: str | None = None
    groups: frozenset[EventGroup] = frozenset()  # empty: every kind
    date_from: date | None = None  # the user's local dates, inclusive
    date_to: date | None = None
    flagged_only: bool = False
    unreviewed_only: bool = False


@dataclass(frozen=True)
class ReviewMark:
    reviewer: str
    reviewed_utc: str
    comment: str


@dataclass(frozen=True)
class AuditEventView:
    seq: int
    ts_utc: str
    user_name: str  # "" for events without a user (a failed login with an unknown name)
    action: str
    action_label: str
    group: EventGroup
    case_id: str | None
    case_label: str  # the number, "Skyddat ärende (ref. 3F2A9C)", or ""
    detail: str  # what the event was about, in words; "" when hidden or nothing to say
    reason: str  # the reason the user gave (nödåtkomst, reveal, reopening)
    flag: Flag | None
    review: ReviewMark | None

    @property
    def flag_label(self) -> str:
        return FLAG_LABELS[self.flag] if self.flag is not None else ""


@dataclass(frozen=True)
class AuditPage:
    events: tuple[AuditEventView, ...]
    total: int  # events matching the filter
    flagged_unreviewed: int  # of those, flagged and not yet reviewed


@dataclass(frozen=True)
class ChainStatus:
    """The audit chain as verified when the log review was opened."""

    ok: bool
    count: int
    problems: tuple[str, ...]
    checked_utc: str


@dataclass(frozen=True)
class UserChoice:
    user_id: str
    full_name: str


@dataclass(frozen=True)
class CaseChoice:
    case_id: str
    label: str


@dataclass(frozen=True)
class FlagCount:
    label: str
    total: int
    reviewed: int


@dataclass(frozen=True)
class AuditReport:
    """A log review for the nämnd: the period, the chain, the flagged events and their review."""

    document_id: str
    municipality: str
    unit: str
    reviewer: str  # who made the report (the manager)
    created_utc: str
    period_from: date | None
    period_to: date | None
    filter_text: str  # the filter in words ("Alla händelser", "Användare: …")
    chain: ChainStatus
    total_events: int
    flag_counts: tuple[FlagCount, ...]
    flagged: tuple[AuditEventView, ...]  # every flagged event in the selection, oldest first
    flagged_truncated: bool  # more flagged events than the report lists
