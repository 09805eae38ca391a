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
from vinr_desktop.domain.child_reports import ReportRules, preliminary_due, protection_due

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
class ReportFacts:
    """One anmälan about a child: the day it came in and how far its two first steps are."""

    received_on: date
    came_in_late: bool  # late in the day: the skyddsbedömning may wait to the next day
    protection_assessed: bool
    preliminary_decided: bool
    preliminary_extended_to: date | None = None  # synnerliga skäl recorded


@dataclass(frozen=True)
class CaseDeadlineFacts:
    """What the rules need to know about one case (plain dates and flags)."""

    case_id: str
    is_child_case: bool
    closed: bool
    intake_on: date
    investigation_started_on: date | None
    investigation_extended_to: date | None
    investigation_ended_on: date | None
    reports: tuple[ReportFacts, ...] = ()  # each anmälan; none when it began with an ansökan


def case_deadlines(
    facts: CaseDeadlineFacts,
    report_rules: ReportRules,
    *,
    adult_investigation_days: int = DEFAULT_ADULT_INVESTIGATION_DAYS,
) -> tuple[Deadline, ...]:
    """Every open deadline of the case (none for a closed case): a child's two first steps
    for each anmälan, from the day that anmälan came in (report_rules: child_report_rules.json),
    and the investigation's time."""
    if facts.closed:
        return ()
    out: list[Deadline] = []
    if facts.is_child_case:
        several = len(facts.reports) > 1
        for report in facts.reports:
            which = f" (anmälan {report.received_on.isoformat()})" if several else ""
            if not report.protection_assessed:
                due = protection_due(report.received_on, report.came_in_late, report_rules)
                out.append(
                    Deadline(DeadlineKind.PROTECTION, due, "Skyddsbedömning" + which, Tab.OVERVIEW)
                )
            if not report.preliminary_decided:
                due = preliminary_due(
                    report.received_on, report_rules, report.preliminary_extended_to
                )
                out.append(
                    Deadline(
                        DeadlineKind.PRELIMINARY, due, "Förhandsbedömning" + which, Tab.OVERVIEW
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
