"""Reading and writing home visit rows: shared by the service and the besöksplan builder."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.home_visits import (
    AGREED_ADDRESS,
    ANSWER_LABELS,
    Answer,
    Consent,
    Incident,
    RiskQuestion,
    VisitStatus,
    is_overdue,
    risk_questions,
)
from vinr_desktop.domain.persons import PersonRole, is_protected
from vinr_desktop.resources import home_visit_data
from vinr_desktop.services.cases.protection import followed_levels
from vinr_desktop.store.case_schema import CasePersonRow, PersonRow
from vinr_desktop.store.home_visit_schema import HomeVisitRow
from vinr_desktop.views.home_visits import VisitView

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork

NO_VISIT = "Hembesöket finns inte i ärendet."


@cache
def questions() -> tuple[RiskQuestion, ...]:
    return risk_questions(home_visit_data("risk_check"))


def address_hidden(work: CaseWork) -> bool:
    """True when the visited person's address may not be written into a plan: a protected
    case, or a main person who is protected or follows a protected person's level."""
    if work.case.protected:
        return True
    followers = followed_levels(work.session)
    for person in work.session.execute(
        select(PersonRow)
        .join(CasePersonRow, CasePersonRow.person_id == PersonRow.id)
        .where(CasePersonRow.case_id == work.case.id, CasePersonRow.role == PersonRole.MAIN.value)
    ).scalars():
        if is_protected(person.protection_level) or person.id in followers:
            return True
    return False


def visit_of(work: CaseWork, visit_id: str) -> HomeVisitRow:
    row = work.session.get(HomeVisitRow, visit_id)
    if row is None or row.case_id != work.case.id:
        raise InvalidInput(NO_VISIT)
    return row


def answers_of(row: HomeVisitRow) -> dict[str, Answer]:
    raw = json.loads(row.risk_answers or "{}")
    return {str(k): Answer(v) for k, v in raw.items()}


def risk_rows(row: HomeVisitRow) -> tuple[tuple[str, str], ...]:
    answers = answers_of(row)
    return tuple(
        (q.text, ANSWER_LABELS[answers[q.id]] if q.id in answers else "Inte besvarad")
        for q in questions()
    )


def shown_address(work: CaseWork, row: HomeVisitRow) -> str:
    if address_hidden(work) or not row.address.strip():
        return AGREED_ADDRESS
    return row.address


def view_of(work: CaseWork, row: HomeVisitRow, now: datetime) -> VisitView:
    status = VisitStatus(row.status)
    return VisitView(
        visit_id=row.id,
        case_id=row.case_id,
        status=status,
        starts_utc=row.starts_utc,
        expected_back_utc=row.expected_back_utc,
        address=shown_address(work, row),
        purpose=row.purpose,
        consent=Consent(row.consent),
        unannounced_reason=row.unannounced_reason,
        companions=row.companions,
        risk_answers=risk_rows(row),
        risk_note=row.risk_note,
        mine=row.author_id == work.user.user_id,
        overdue=is_overdue(status, row.expected_back_utc, now),
        back_utc=row.back_utc,
        incident=Incident(row.incident) if row.incident else None,
    )
