"""Bevakningar: the dates the program watches for one case, as pure rules over small frozen
facts, and the grouping of the morning page (Försenat / Idag / Denna vecka / Senare).

The services gather `CaseDeadlineFacts` from the store in one place; nothing here reads it.
Each rule returns `Deadline`s: what is due, on which day, and the tab that answers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from vinr_desktop.domain.case_facts import child_investigation_due

PRELIMINARY_DAYS = 14
DEFAULT_ADULT_INVESTIGATION_DAYS = 120


class Bucket(StrEnum):
    LATE = "late"  # Försenat
    TODAY = "today"  # Idag
    THIS_WEEK = "this_week"  # Denna vecka (to Sunday)
    LATER = "later"  # Senare


BUCKET_LABELS: dict[Bucket, str] = {
    Bucket.LATE: "Försenat",
    Bucket.TODAY: "Idag",
    Bucket.THIS_WEEK: "Denna vecka",
    Bucket.LATER: "Senare",
}


class Tab(StrEnum):
    """Where a click on the line opens the case."""

    OVERVIEW = "overview"
    JOURNAL = "journal"
    ASSESSMENTS = "assessments"
    CARE = "care"


class DeadlineKind(StrEnum):
    PROTECTION = "protection"  # skyddsbedömning
    PRELIMINARY = "preliminary"  # förhandsbedömning
    CHILD_INVESTIGATION = "child_investigation"
    ADULT_INVESTIGATION = "adult_investigation"


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due_on: date
    text: str  # "Förhandsbedömning"
    tab: Tab


@dataclass(frozen=True)
class CaseDeadlineFacts:
    """What the rules need to know about one case (plain dates and flags)."""

    case_id: str
    is_child_case: bool
    closed: bool
    reported: bool  # arrived as an anmälan (a child report needs the two first steps)
    intake_on: date
    protection_assessed_on: date | None
    preliminary_decided_on: date | None
    investigation_started_on: date | None
    investigation_extended_to: date | None
    investigation_ended_on: date | None


def protection_due(intake_on: date) -> date:
    """Skyddsbedömning: the same day; the next day only when the report came in late. The
    program cannot know the hour, so it watches the next day and shows it late after that."""
    return intake_on + timedelta(days=1)


def preliminary_due(intake_on: date) -> date:
    """Förhandsbedömning within 14 days of the day the report came in."""
    return intake_on + timedelta(days=PRELIMINARY_DAYS)


def case_deadlines(
    facts: CaseDeadlineFacts, *, adult_investigation_days: int = DEFAULT_ADULT_INVESTIGATION_DAYS
) -> tuple[Deadline, ...]:
    """Every open deadline of the case (none for a closed case)."""
    if facts.closed:
        return ()
    out: list[Deadline] = []
    if facts.is_child_case and facts.reported:
        if facts.protection_assessed_on is None:
            out.append(
                Deadline(
                    DeadlineKind.PROTECTION,
                    protection_due(facts.intake_on),
                    "Skyddsbedömning",
                    Tab.OVERVIEW,
                )
            )
        if facts.preliminary_decided_on is None:
            out.append(
                Deadline(
                    DeadlineKind.PRELIMINARY,
                    preliminary_due(facts.intake_on),
                    "Förhandsbedömning",
                    Tab.OVERVIEW,
                )
            )
    started = facts.investigation_started_on
    if started is not None and facts.investigation_ended_on is None:
        if facts.is_child_case:
            due = child_investigation_due(started, facts.investigation_extended_to)
            out.append(
                Deadline(DeadlineKind.CHILD_INVESTIGATION, due, "Utredning klar", Tab.OVERVIEW)
            )
        else:
            due = started + timedelta(days=adult_investigation_days)
            out.append(
                Deadline(
                    DeadlineKind.ADULT_INVESTIGATION, due, "Utredning pågår länge", Tab.OVERVIEW
                )
            )
    return tuple(out)


def bucket(due_on: date, today: date) -> Bucket:
    """Försenat before today; Idag; Denna vecka up to Sunday; Senare after."""
    if due_on < today:
        return Bucket.LATE
    if due_on == today:
        return Bucket.TODAY
    sunday = today + timedelta(days=6 - today.weekday())
    return Bucket.THIS_WEEK if due_on <= sunday else Bucket.LATER
