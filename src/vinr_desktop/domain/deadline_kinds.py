"""Bevakningar: what one line of the morning page is (a `Deadline`), the tab of the case that
answers it, and the groups of the page (Försenat / Idag / Denna vecka / Senare)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


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
    CARE_PLAN = "care_plan"  # vårdplan missing for a granted insats
    IMPLEMENTATION_PLAN = "implementation_plan"  # genomförandeplan: remind the provider
    FOLLOW_UP = "follow_up"
    INSATS_ENDED = "insats_ended"  # the period ran out without an Avsluta insats record
    REASSESSMENT = "reassessment"  # risk reassessment
    DRAFT = "draft"  # unsigned drafts older than the setting
    LATE_SIGNING = "late_signing"  # journal entries signed long after the event
    SHARE_ENDING = "share_ending"
    EMERGENCY_ENDING = "emergency_ending"  # nödåtkomst
    INACTIVE = "inactive"  # no activity in the case
    HOUSEHOLD_CHILD = "household_child"  # a child in an adult's case, neither case nor assessment


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due_on: date
    text: str  # "Förhandsbedömning"
    tab: Tab
    detail: str = ""  # since when, and what it is about: "begärd 2026-03-02, påmind 03-16"


def bucket(due_on: date, today: date) -> Bucket:
    """Försenat before today; Idag; Denna vecka up to Sunday; Senare after."""
    if due_on < today:
        return Bucket.LATE
    if due_on == today:
        return Bucket.TODAY
    sunday = today + timedelta(days=6 - today.weekday())
    return Bucket.THIS_WEEK if due_on <= sunday else Bucket.LATER
