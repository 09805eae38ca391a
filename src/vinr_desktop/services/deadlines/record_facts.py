"""The record facts of many cases for the Bevakningar, a fixed number of queries whatever their
number: unsigned drafts (one grouped query per kind), journal entries signed late lately,
shares and nödåtkomst, the children in adults' cases, and the newest signed assessments."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import exists, func, null, select
from sqlalchemy.orm import aliased

from vinr_desktop.domain.deadline_facts import (
    AccessEndFacts,
    AssessmentDueFacts,
    DraftFacts,
    DraftKind,
    HouseholdChildFacts,
    SignedEntryFacts,
)
from vinr_desktop.domain.deadline_record_rules import (
    ACCESS_ENDING_SOON_DAYS,
    LATE_SIGNING_SHOWN_DAYS,
)
from vinr_desktop.domain.journal import EntryKind
from vinr_desktop.domain.persons import PersonRole, ProtectionLevel, is_protected, masked_name
from vinr_desktop.store.access_schema import CaseShareRow, EmergencyAccessRow
from vinr_desktop.store.care_schema import CarePlanRow, FollowUpRow
from vinr_desktop.store.case_schema import CasePersonRow, CaseRow, JournalEntryRow, PersonRow
from vinr_desktop.store.risk_schema import RiskAssessmentRow, SafetyPlanRow
from vinr_desktop.store.schema import UserRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_PROTECTED = frozenset(level.value for level in ProtectionLevel if is_protected(level))


@dataclass(frozen=True)
class Scope:
    """Whose page it is: private drafts (journal, assessments, safety plans) are the author's,
    unless the page is the manager's view of the unit (`author_id` None)."""

    user_id: str
    author_id: str | None
    today: date
    now_utc: str


def local_day(utc_text: str) -> date:
    """The user's local date of a moment the program stamped (ISO UTC)."""
    return datetime.fromisoformat(utc_text).astimezone().date()


def drafts(session: Session, case_ids: Any, scope: Scope) -> dict[str, list[DraftFacts]]:
    """Each case's unsigned drafts, one `DraftFacts` per kind."""
    found: dict[str, list[DraftFacts]] = {}
    tables: tuple[tuple[DraftKind, Any, Any], ...] = (
        (DraftKind.JOURNAL, JournalEntryRow, JournalEntryRow.author_id),
        (DraftKind.ASSESSMENT, RiskAssessmentRow, RiskAssessmentRow.author_id),
        (DraftKind.SAFETY_PLAN, SafetyPlanRow, SafetyPlanRow.author_id),
        (DraftKind.CARE_PLAN, CarePlanRow, None),  # shared work of the case
        (DraftKind.FOLLOW_UP, FollowUpRow, None),
    )
    for kind, table, author in tables:
        journal = kind is DraftKind.JOURNAL
        earliest_event = func.min(func.nullif(table.event_date, "")) if journal else null()
        query = (
            select(table.case_id, func.count(), func.min(table.created_utc), earliest_event)
            .where(table.case_id.in_(case_ids), table.signed_utc.is_(None))
            .group_by(table.case_id)
        )
        if author is not None and scope.author_id is not None:
            query = query.where(author == scope.author_id)
        for case_id, count, oldest, event in session.execute(query):
            found.setdefault(case_id, []).append(
                DraftFacts(
                    kind,
                    int(count),
                    local_day(oldest),
                    date.fromisoformat(event) if event else None,
                )
            )
    return found


def signed_entries(
    session: Session, case_ids: Collection[str], scope: Scope, signing_days: int
) -> dict[str, list[SignedEntryFacts]]:
    """The hand-written entries signed late in the days the late-signing rule looks at (a day
    more, and a day's margin on the delay, for the time zone). The cases are picked here, not
    in SQL, so SQLite reads only the recent signings from ix_journal_signed."""
    since = (scope.today - timedelta(days=LATE_SIGNING_SHOWN_DAYS + 1)).isoformat()
    J = JournalEntryRow
    delay = func.julianday(func.substr(J.signed_utc, 1, 10)) - func.julianday(J.event_date)
    rows = session.execute(
        select(J.case_id, J.event_date, J.signed_utc).where(
            J.signed_utc >= since,
            J.kind != EntryKind.EVENT.value,
            J.event_date != "",
            delay > signing_days - 1,
        )
    )
    found: dict[str, list[SignedEntryFacts]] = {}
    for case_id, event, signed in rows:
        if case_id not in case_ids:
            continue
        found.setdefault(case_id, []).append(
            SignedEntryFacts(date.fromisoformat(event), local_day(str(signed)))
        )
    return found


def access_ends(session: Session, case_ids: Any, scope: Scope) -> dict[str, list[AccessEndFacts]]:
    """Shares of the cases ending soon, and the user's own running nödåtkomst."""
    last = (scope.today + timedelta(days=ACCESS_ENDING_SOON_DAYS)).isoformat()
    found: dict[str, list[AccessEndFacts]] = {}
    shares = session.execute(
        select(
            CaseShareRow.case_id, CaseShareRow.user_id, UserRow.full_name, CaseShareRow.valid_until
        )
        .join(UserRow, UserRow.id == CaseShareRow.user_id)
        .where(
            CaseShareRow.case_id.in_(case_ids),
            CaseShareRow.withdrawn_utc.is_(None),
            CaseShareRow.valid_until.is_not(None),
            CaseShareRow.valid_until >= scope.today.isoformat(),
            CaseShareRow.valid_until <= last,
        )
    )
    for case_id, user_id, name, until in shares:
        who = "dig" if user_id == scope.user_id else name
        found.setdefault(case_id, []).append(
            AccessEndFacts(False, date.fromisoformat(str(until)), who)
        )
    grants = session.execute(
        select(EmergencyAccessRow.case_id, EmergencyAccessRow.expires_utc).where(
            EmergencyAccessRow.user_id == scope.user_id,
            EmergencyAccessRow.ended_utc.is_(None),
            EmergencyAccessRow.expires_utc > scope.now_utc,
            EmergencyAccessRow.case_id.in_(case_ids),
        )
    )
    for case_id, expires in grants:
        local = datetime.fromisoformat(expires).astimezone()
        found.setdefault(case_id, []).append(
            AccessEndFacts(True, local.date(), "", local.strftime("%H:%M"))
        )
    return found


def household_children(session: Session, case_ids: Any) -> dict[str, list[HouseholdChildFacts]]:
    """The children linked to the adults' cases, each with whether it is the main person of a
    case of its own (any case, seen or not) and whether a signed assessment is about it."""
    link, own = CasePersonRow, aliased(CasePersonRow)
    rows = session.execute(
        select(
            link.case_id,
            PersonRow.first_name,
            PersonRow.last_name,
            PersonRow.protection_level,
            PersonRow.birth_date,
            link.added_utc,
            exists().where(own.person_id == PersonRow.id, own.role == PersonRole.MAIN.value),
            exists().where(
                RiskAssessmentRow.person_id == PersonRow.id,
                RiskAssessmentRow.signed_utc.is_not(None),
            ),
        )
        .join(PersonRow, PersonRow.id == link.person_id)
        .join(CaseRow, CaseRow.id == link.case_id)
        .where(
            link.role == PersonRole.CHILD.value,
            link.case_id.in_(case_ids),
            CaseRow.is_child_case.is_(False),
        )
    )
    found: dict[str, list[HouseholdChildFacts]] = {}
    for case_id, first, last, level, birth, added, has_case, assessed in rows:
        name = masked_name(first, last) if level in _PROTECTED else f"{first} {last}".strip()
        found.setdefault(case_id, []).append(
            HouseholdChildFacts(
                name,
                date.fromisoformat(birth) if birth else None,
                local_day(added),
                bool(has_case),
                bool(assessed),
            )
        )
    return found


def newest_assessments(session: Session, case_ids: Any) -> dict[str, list[AssessmentDueFacts]]:
    """The newest signed assessment of each person in each case with its next date."""
    A = RiskAssessmentRow
    rows = session.execute(
        select(
            A.case_id,
            A.person_id,
            A.signed_on,
            A.next_assessment_on,
            A.due_on,
            PersonRow.first_name,
            PersonRow.last_name,
            PersonRow.protection_level,
        )
        .join(PersonRow, PersonRow.id == A.person_id)
        .where(A.case_id.in_(case_ids), A.signed_utc.is_not(None))
        .order_by(A.signed_utc)
    )
    newest: dict[tuple[str, str], tuple[Any, ...]] = {}
    for row in rows:
        newest[(row[0], row[1])] = tuple(row)  # the newest wins
    per_case: dict[str, list[tuple[Any, ...]]] = {}
    for (case_id, _person), newest_row in newest.items():
        per_case.setdefault(case_id, []).append(newest_row)
    found: dict[str, list[AssessmentDueFacts]] = {}
    for case_id, rows_of_case in per_case.items():
        several = len(rows_of_case) > 1
        for _c, _p, signed_on, next_on, due_on, first, last, level in rows_of_case:
            when = next_on or due_on
            if not when or not signed_on:
                continue
            person = ""
            if several:
                person = (
                    masked_name(first, last) if level in _PROTECTED else f"{first} {last}".strip()
                )
            found.setdefault(case_id, []).append(
                AssessmentDueFacts(date.fromisoformat(signed_on), date.fromisoformat(when), person)
            )
    return found
