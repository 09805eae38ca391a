"""Bevakningar about the record itself: unsigned drafts, journal entries signed long after the
event, shares and nödåtkomst ending, a case without activity, a child in an adult's household
with neither a case of its own nor an assessment, and the next risk assessment.

Rules that watch for something that has already gone on too long (drafts, inactivity, late
signing) show a line only from the day it is due; the others show their date ahead.
"""

from __future__ import annotations

from datetime import date, timedelta

from vinr_desktop.domain.cases import is_child
from vinr_desktop.domain.deadline_facts import (
    AccessEndFacts,
    AssessmentDueFacts,
    CaseDeadlineFacts,
    DeadlineSettings,
    DraftFacts,
    DraftKind,
    HouseholdChildFacts,
    SignedEntryFacts,
)
from vinr_desktop.domain.deadline_kinds import Deadline, DeadlineKind, Tab
from vinr_desktop.domain.plurals import by_count, count_text

LATE_SIGNING_SHOWN_DAYS = 30  # an entry signed late is shown this many days after signing
ACCESS_ENDING_SOON_DAYS = 14  # a share is shown from this many days before it ends

DRAFT_TEXTS: dict[DraftKind, tuple[str, str, Tab]] = {
    DraftKind.JOURNAL: (
        "osignerad journalanteckning",
        "osignerade journalanteckningar",
        Tab.JOURNAL,
    ),
    DraftKind.ASSESSMENT: ("osignerad bedömning", "osignerade bedömningar", Tab.ASSESSMENTS),
    DraftKind.SAFETY_PLAN: (
        "osignerad säkerhetsplan",
        "osignerade säkerhetsplaner",
        Tab.ASSESSMENTS,
    ),
    DraftKind.CARE_PLAN: ("osignerad vårdplan", "osignerade vårdplaner", Tab.CARE),
    DraftKind.FOLLOW_UP: ("osignerad uppföljning", "osignerade uppföljningar", Tab.CARE),
}


def draft_due(draft: DraftFacts, settings: DeadlineSettings) -> date:
    """When unsigned drafts need attention: the oldest `draft_days` after it was begun; a
    journal draft at the latest `journal_signing_days` after its event."""
    due = draft.oldest_on + timedelta(days=settings.draft_days)
    if draft.earliest_event_on is not None:
        due = min(due, draft.earliest_event_on + timedelta(days=settings.journal_signing_days))
    return due


def draft_deadline(draft: DraftFacts, today: date, settings: DeadlineSettings) -> Deadline | None:
    """One line for a case's drafts of one kind, from the day they are due."""
    due = draft_due(draft, settings)
    if due > today or draft.count < 1:
        return None
    one, many, tab = DRAFT_TEXTS[draft.kind]
    what = by_count(draft.count, one, "{0} " + many)
    begun = f"påbörjad {draft.oldest_on.isoformat()}"
    detail = begun if draft.count == 1 else f"den äldsta {begun}"
    if draft.earliest_event_on is not None:
        detail = f"händelse {draft.earliest_event_on.isoformat()}, {detail}"
    return Deadline(DeadlineKind.DRAFT, due, what[0].upper() + what[1:], tab, detail)


def signed_late(entry: SignedEntryFacts, signing_days: int) -> bool:
    """Signed more than `signing_days` after the event (the day `signing_days` after is not
    late)."""
    return (entry.signed_on - entry.event_on).days > signing_days


def late_signing_deadline(
    entries: tuple[SignedEntryFacts, ...], today: date, settings: DeadlineSettings
) -> Deadline | None:
    """One line for the entries signed late in the last `LATE_SIGNING_SHOWN_DAYS` days,
    dated the newest such signing."""
    shown_from = today - timedelta(days=LATE_SIGNING_SHOWN_DAYS)
    late = [
        e
        for e in entries
        if shown_from <= e.signed_on <= today and signed_late(e, settings.journal_signing_days)
    ]
    if not late:
        return None
    newest = max(late, key=lambda e: (e.signed_on, e.event_on))
    days = (newest.signed_on - newest.event_on).days
    what = by_count(
        len(late), "Journalanteckning signerad sent", "{0} journalanteckningar signerade sent"
    )
    return Deadline(
        DeadlineKind.LATE_SIGNING,
        newest.signed_on,
        what,
        Tab.JOURNAL,
        f"händelse {newest.event_on.isoformat()}, signerad "
        f"{count_text(days, 'dag', 'dagar')} senare (gräns {settings.journal_signing_days})",
    )


def access_end_deadline(access: AccessEndFacts, today: date) -> Deadline | None:
    """A nödåtkomst running out, or a share ending within `ACCESS_ENDING_SOON_DAYS`."""
    if access.ends_on < today:
        return None
    if access.emergency:
        at = f" kl. {access.ends_at}" if access.ends_at else ""
        return Deadline(
            DeadlineKind.EMERGENCY_ENDING,
            access.ends_on,
            "Nödåtkomst upphör",
            Tab.OVERVIEW,
            f"{access.ends_on.isoformat()}{at}",
        )
    if access.ends_on > today + timedelta(days=ACCESS_ENDING_SOON_DAYS):
        return None
    who = f"med {access.who}, " if access.who else ""
    return Deadline(
        DeadlineKind.SHARE_ENDING,
        access.ends_on,
        "Delning upphör",
        Tab.OVERVIEW,
        f"{who}gäller till och med {access.ends_on.isoformat()}",
    )


def inactivity_deadline(
    facts: CaseDeadlineFacts, today: date, settings: DeadlineSettings
) -> Deadline | None:
    """No journal event for `inactivity_days` (counted from the intake when there is none)."""
    last = max(facts.intake_on, facts.last_activity_on or facts.intake_on)
    due = last + timedelta(days=settings.inactivity_days)
    if due > today:
        return None
    return Deadline(
        DeadlineKind.INACTIVE,
        due,
        "Ingen aktivitet i ärendet",
        Tab.JOURNAL,
        f"senaste händelse {last.isoformat()}",
    )


def household_child_deadline(child: HouseholdChildFacts, today: date) -> Deadline | None:
    """A child (under 18 today, or of unknown age) in an adult's case with no case of its own
    and no signed assessment of its situation and protection: due the day it was linked."""
    if child.has_own_case or child.assessed or not is_child(child.birth_date, today):
        return None
    return Deadline(
        DeadlineKind.HOUSEHOLD_CHILD,
        child.linked_on,
        "Barn utan eget ärende eller bedömning",
        Tab.ASSESSMENTS,
        child.name,
    )


def reassessment_deadline(assessment: AssessmentDueFacts) -> Deadline:
    """The next risk assessment, on the date set when the newest one was signed."""
    who = f"{assessment.person}, " if assessment.person else ""
    return Deadline(
        DeadlineKind.REASSESSMENT,
        assessment.next_on,
        "Ny riskbedömning",
        Tab.ASSESSMENTS,
        f"{who}senaste signerad {assessment.signed_on.isoformat()}",
    )


def record_deadlines(
    facts: CaseDeadlineFacts, today: date, settings: DeadlineSettings
) -> tuple[Deadline, ...]:
    """Every record line of one open case."""
    found: list[Deadline | None] = [draft_deadline(d, today, settings) for d in facts.drafts]
    found.append(late_signing_deadline(facts.signed_entries, today, settings))
    found += [access_end_deadline(a, today) for a in facts.access_ends]
    found.append(inactivity_deadline(facts, today, settings))
    if not facts.is_child_case:
        found += [household_child_deadline(c, today) for c in facts.household_children]
    found += [reassessment_deadline(a) for a in facts.assessments]
    return tuple(d for d in found if d is not None)
