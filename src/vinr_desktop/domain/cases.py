"""Cases (ärenden): how they arrive, the status they move through, closing and reopening.

The rules here are pure: the services ask `check_transition` before changing a status and
record what it says in the journal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vinr_desktop.domain.errors import InvalidInput

MAX_TEXT = 20_000
CHILD_AGE_LIMIT = 18


class IntakeKind(StrEnum):
    """How the case arrived (aktualisering)."""

    APPLICATION = "application"
    REPORT = "report"
    INITIATIVE = "initiative"
    OTHER = "other"


INTAKE_LABELS: dict[IntakeKind, str] = {
    IntakeKind.APPLICATION: "Ansökan",
    IntakeKind.REPORT: "Anmälan/orosanmälan",
    IntakeKind.INITIATIVE: "Initiativ",
    IntakeKind.OTHER: "Övrigt",
}


class ReporterKind(StrEnum):
    """Who reported: a private person (free text) or an authority."""

    NONE = "none"  # the person applied themselves, or own initiative
    PERSON = "person"
    AUTHORITY = "authority"


REPORTER_LABELS: dict[ReporterKind, str] = {
    ReporterKind.NONE: "Ingen anmälare",
    ReporterKind.PERSON: "Privatperson",
    ReporterKind.AUTHORITY: "Myndighet",
}

AUTHORITIES: tuple[str, ...] = (
    "Polisen",
    "Skola",
    "Förskola",
    "Hälso- och sjukvården",
    "Barn- och ungdomspsykiatrin",
    "Tandvården",
    "Kvinnojour",
    "Annan socialtjänst",
    "Kriminalvården",
    "Åklagare",
    "Frivården",
    "Annan myndighet",
)


class CaseStatus(StrEnum):
    INTAKE = "intake"  # aktualiserad
    INVESTIGATION = "investigation"  # utredning
    INTERVENTION = "intervention"  # beslut/insats pågår
    CLOSED = "closed"  # avslutad


STATUS_LABELS: dict[CaseStatus, str] = {
    CaseStatus.INTAKE: "Aktualiserad",
    CaseStatus.INVESTIGATION: "Utredning",
    CaseStatus.INTERVENTION: "Beslut/insats pågår",
    CaseStatus.CLOSED: "Avslutad",
}

# The forward moves a handläggare may make by hand. Closing and reopening have their own
# calls because they need a reason.
_FORWARD: dict[CaseStatus, CaseStatus] = {
    CaseStatus.INTAKE: CaseStatus.INVESTIGATION,
    CaseStatus.INVESTIGATION: CaseStatus.INTERVENTION,
}


class PreliminaryOutcome(StrEnum):
    """The förhandsbedömning's decision for a report about a child."""

    OPEN_INVESTIGATION = "open_investigation"
    NO_INVESTIGATION = "no_investigation"


PRELIMINARY_LABELS: dict[PreliminaryOutcome, str] = {
    PreliminaryOutcome.OPEN_INVESTIGATION: "Utredning inleds",
    PreliminaryOutcome.NO_INVESTIGATION: "Utredning inleds inte",
}


@dataclass(frozen=True)
class ChildSteps:
    """Where a child case stands with the two first steps after a report."""

    is_child_case: bool
    protection_assessed: bool
    preliminary_outcome: PreliminaryOutcome | None


def next_status(status: CaseStatus) -> CaseStatus | None:
    """The one status a case may move forward to by hand, if any."""
    return _FORWARD.get(status)


def check_transition(current: CaseStatus, target: CaseStatus, child: ChildSteps) -> None:
    """Raise InvalidInput unless `current → target` is allowed by hand."""
    if current is CaseStatus.CLOSED:
        raise InvalidInput("Ärendet är avslutat. Återöppna det först.")
    if _FORWARD.get(current) is not target:
        raise InvalidInput(
            f"Ett ärende kan inte gå från {STATUS_LABELS[current].lower()} till "
            f"{STATUS_LABELS[target].lower()}."
        )
    if child.is_child_case and target is CaseStatus.INVESTIGATION:
        if not child.protection_assessed:
            raise InvalidInput("Gör skyddsbedömningen innan utredningen inleds.")
        if child.preliminary_outcome is not PreliminaryOutcome.OPEN_INVESTIGATION:
            raise InvalidInput(
                "Förhandsbedömningen måste vara beslutad med utfallet att utredning inleds."
            )


def is_child(birth_date: date | None, on: date) -> bool:
    """Under 18 on the given day; unknown birth date counts as an adult."""
    if birth_date is None:
        return False
    years = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    return years < CHILD_AGE_LIMIT


# -- case numbers ---------------------------------------------------------------------

_PREFIX = re.compile(r"^[A-ZÅÄÖ]{1,8}$")


def validate_prefix(prefix: str) -> str:
    cleaned = prefix.strip().upper()
    if not _PREFIX.match(cleaned):
        raise InvalidInput("Ärendeprefixet ska vara 1–8 versaler, till exempel VINR.")
    return cleaned


def case_number(prefix: str, year: int, running: int) -> str:
    """The number a case is known by: unit prefix, year, running number (VINR-2026-0042)."""
    return f"{prefix}-{year}-{running:04d}"


# -- closing --------------------------------------------------------------------------


@dataclass(frozen=True)
class ClosingReason:
    code: str
    label: str
    goal_reached: bool  # counted by the Kolada key figure "closed because the goal was reached"
    detail_label: str  # what the optional detail field asks for ("Till vem"), or ""


def parse_closing_reasons(data: Mapping[str, object]) -> tuple[ClosingReason, ...]:
    """The closing reasons from resources/closing_reasons.json."""
    raw = data.get("reasons")
    if not isinstance(raw, list) or not raw:
        raise ValueError("closing_reasons.json: 'reasons' must be a non-empty list")
    reasons = []
    for item in raw:
        if not isinstance(item, dict):
            raise ValueError("closing_reasons.json: each reason must be an object")
        reasons.append(
            ClosingReason(
                code=str(item["code"]),
                label=str(item["label"]),
                goal_reached=bool(item.get("goal_reached", False)),
                detail_label=str(item.get("detail", "")),
            )
        )
    return tuple(reasons)


def check_closing(reasons: Iterable[ClosingReason], code: str, text: str) -> ClosingReason:
    """The chosen reason, if the closing is complete; else InvalidInput."""
    by_code = {r.code: r for r in reasons}
    if code not in by_code:
        raise InvalidInput("Välj en avslutsorsak.")
    if not text.strip():
        raise InvalidInput("Skriv en motivering till avslutet.")
    check_text(text, "Motiveringen")
    return by_code[code]


def check_reason(text: str, what: str = "Skälet") -> str:
    """A required free-text reason (reopening, correction, reveal)."""
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput(f"{what} måste fyllas i.")
    return check_text(cleaned, what)


def check_text(text: str, what: str = "Texten") -> str:
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"{what} är för lång (högst {MAX_TEXT} tecken).")
    return text
