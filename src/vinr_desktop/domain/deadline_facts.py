"""Bevakningar: the small frozen facts about one case that the rules read (plain dates, flags
and counts; services/deadlines/facts.py gathers them for many cases at once), and the settings
the rules take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from vinr_desktop.domain import settings

DEFAULT_ADULT_INVESTIGATION_DAYS = settings.ADULT_INVESTIGATION_DAYS.default


@dataclass(frozen=True)
class DeadlineSettings:
    """The administrator's settings the rules use (domain/settings.py declares each)."""

    adult_investigation_days: int = DEFAULT_ADULT_INVESTIGATION_DAYS
    reminder_days: int = settings.IMPLEMENTATION_PLAN_REMINDER_DAYS.default
    interval_months: int = settings.FOLLOW_UP_INTERVAL_MONTHS.default
    draft_days: int = settings.UNSIGNED_DRAFT_DAYS.default  # a draft this old is shown
    journal_signing_days: int = settings.JOURNAL_SIGNING_DAYS.default  # signed within this
    inactivity_days: int = settings.INACTIVITY_DAYS.default  # a case this quiet is shown


@dataclass(frozen=True)
class ReportFacts:
    """One anmälan about a child: the day it came in and how far its two first steps are."""

    received_on: date
    came_in_late: bool  # late in the day: the skyddsbedömning may wait to the next day
    protection_assessed: bool
    preliminary_decided: bool
    preliminary_extended_to: date | None = None  # synnerliga skäl recorded


@dataclass(frozen=True)
class InsatsDeadlineFacts:
    """One signed decision granting an insats (with a first day), and its plans."""

    label: str  # "Skyddat boende"
    period_from: date
    period_to: date | None = None
    ended_on: date | None = None  # the Avsluta insats record
    review_on: date | None = None  # omprövning
    own_provider: bool = False  # egen insats: no genomförandeplan to request
    has_signed_plan: bool = False  # a signed vårdplan
    plan_follow_up_on: date | None = None  # from the current signed vårdplan
    implementation_requested_on: date | None = None
    implementation_received_on: date | None = None
    last_reminder_on: date | None = None  # the newest reminder row
    last_follow_up_next_on: date | None = None  # the newest signed follow-up's next date


class DraftKind(StrEnum):
    JOURNAL = "journal"
    ASSESSMENT = "assessment"
    SAFETY_PLAN = "safety_plan"
    CARE_PLAN = "care_plan"
    FOLLOW_UP = "follow_up"


@dataclass(frozen=True)
class DraftFacts:
    """The unsigned drafts of one kind in a case: how many, and the oldest's first day."""

    kind: DraftKind
    count: int
    oldest_on: date
    earliest_event_on: date | None = None  # journal drafts: the oldest event among them


@dataclass(frozen=True)
class SignedEntryFacts:
    """A signed hand-written journal entry: its event date and the day it was signed."""

    event_on: date
    signed_on: date


@dataclass(frozen=True)
class AccessEndFacts:
    """A share or a nödåtkomst of the case that ends on `ends_on` (inclusive)."""

    emergency: bool
    ends_on: date
    who: str  # the colleague the case is shared with, "dig" when it is the user; "" otherwise
    ends_at: str = ""  # nödåtkomst: the local time it runs out, "14:35"


@dataclass(frozen=True)
class HouseholdChildFacts:
    """A child linked to an adult's case, whether it has a case of its own and whether its
    situation and protection were assessed (a signed assessment about the child)."""

    name: str  # initials when protected
    birth_date: date | None
    linked_on: date
    has_own_case: bool
    assessed: bool


@dataclass(frozen=True)
class AssessmentDueFacts:
    """The newest signed risk assessment of one person in the case."""

    signed_on: date
    next_on: date  # the next assessment, as set when signed (per judgement level)
    person: str = ""  # named when the case has assessments of several persons


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
    insatser: tuple[InsatsDeadlineFacts, ...] = ()
    drafts: tuple[DraftFacts, ...] = ()
    signed_entries: tuple[SignedEntryFacts, ...] = ()  # recent ones only (see the rule)
    access_ends: tuple[AccessEndFacts, ...] = ()
    household_children: tuple[HouseholdChildFacts, ...] = ()
    assessments: tuple[AssessmentDueFacts, ...] = ()
    last_activity_on: date | None = None  # the newest journal event (else the intake)
