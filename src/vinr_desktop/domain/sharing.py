"""Sharing a case with a colleague, and nödåtkomst: the rules, without storage.

A share gives one colleague read or write access to one case, until a date (inclusive) or
until it is withdrawn. Nödåtkomst lets a manager read a protected case she has no grant for,
for a limited time, after stating a reason; it is flagged for log review.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

from vinr_desktop.domain.cases import check_reason
from vinr_desktop.domain.errors import InvalidInput

MAX_SHARE_DAYS = 2 * 366  # a share longer than this should be open-ended on purpose
MIN_REASON = 10  # a reason for nödåtkomst is a sentence, not "x"


class ShareLevel(StrEnum):
    READ = "read"
    WRITE = "write"


SHARE_LABELS: dict[ShareLevel, str] = {
    ShareLevel.READ: "Läsa",
    ShareLevel.WRITE: "Läsa och skriva",
}


class ShareState(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


SHARE_STATE_LABELS: dict[ShareState, str] = {
    ShareState.ACTIVE: "Gäller",
    ShareState.EXPIRED: "Har gått ut",
    ShareState.WITHDRAWN: "Borttagen",
}


def check_share_end(until: date | None, today: date) -> date | None:
    """The last day of a share (inclusive), or None for open-ended."""
    if until is None:
        return None
    if until < today:
        raise InvalidInput("Slutdatumet har redan passerat. Välj dagens datum eller senare.")
    if until > today + timedelta(days=MAX_SHARE_DAYS):
        raise InvalidInput("Slutdatumet ligger mer än två år fram. Välj ”tills vidare” i stället.")
    return until


def share_state(until: str | None, withdrawn: bool, today: date) -> ShareState:
    if withdrawn:
        return ShareState.WITHDRAWN
    if until is not None and date.fromisoformat(until) < today:
        return ShareState.EXPIRED
    return ShareState.ACTIVE


def check_emergency_reason(text: str) -> str:
    """The reason a manager gives for nödåtkomst: required and more than a word."""
    cleaned = check_reason(text, "Skälet till nödåtkomsten")
    if len(cleaned) < MIN_REASON:
        raise InvalidInput(
            "Beskriv skälet till nödåtkomsten med en mening. Det granskas vid loggkontroll."
        )
    return cleaned


def emergency_end(start: datetime, minutes: int) -> datetime:
    return start + timedelta(minutes=minutes)


def normalise_case_number(text: str) -> str:
    """A case number as typed ("vinr-2026-12 ") in its stored form ("VINR-2026-0012")."""
    compact = "".join(text.split()).upper()
    head, sep, running = compact.rpartition("-")
    if sep and head and running.isdigit() and len(running) < 4:
        return f"{head}-{int(running):04d}"
    return compact
