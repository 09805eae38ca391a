"""Reading one assessment: the row the user may see, its answers, and its view with the
instrument version it was made with. The service (assessments.py), the history (history.py) and
the printed document's builder read assessments through here, so none of them imports another.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.instruments import RiskLevel
from vinr_desktop.domain.persons import PersonRole, is_protected
from vinr_desktop.domain.risk import Answer, due_date, support_count
from vinr_desktop.services.risk.instruments import stored_instrument
from vinr_desktop.services.risk.safety_plan_read import person_name
from vinr_desktop.store.case_schema import CasePersonRow, PersonRow
from vinr_desktop.store.risk_schema import RiskAssessmentRow
from vinr_desktop.store.risk_schema import SafetyPlanRow as P
from vinr_desktop.store.schema import UserRow
from vinr_desktop.views.risk import AssessmentView

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork

NOT_FOUND = "Bedömningen finns inte i ärendet."


def visible_assessment(work: CaseWork, assessment_id: str) -> RiskAssessmentRow:
    """The assessment, if it is in the case and the user may see it (a draft: its author)."""
    row = work.session.get(RiskAssessmentRow, assessment_id)
    if (
        row is None
        or row.case_id != work.case.id
        or (row.signed_utc is None and row.author_id != work.user.user_id)
    ):
        raise InvalidInput(NOT_FOUND)
    return row


def answers_of(row: RiskAssessmentRow) -> dict[str, Answer]:
    data = json.loads(row.answers or "{}")
    return {item_id: Answer(str(v[0]), str(v[1])) for item_id, v in data.items()}


def fields_of(row: RiskAssessmentRow) -> dict[str, str]:
    return {k: str(v) for k, v in json.loads(row.field_values or "{}").items()}


def assessment_view(work: CaseWork, row: RiskAssessmentRow) -> AssessmentView:
    """The view of one assessment row (the caller has checked that the user may see it)."""
    session = work.session
    plan_id = session.execute(
        select(P.id)
        .where(P.case_id == row.case_id, P.person_id == row.person_id, P.signed_utc.is_not(None))
        .order_by(P.version.desc())
        .limit(1)
    ).scalar_one_or_none()
    instrument = stored_instrument(session, row.instrument_id, row.instrument_version)
    person = session.get(PersonRow, row.person_id)
    link = session.get(CasePersonRow, (row.case_id, row.person_id))
    author = session.get(UserRow, row.author_id)
    answers = answers_of(row)
    own = row.author_id == work.user.user_id
    writable = work.may(Action.WRITE_CASE) and work.case.status != "closed"
    return AssessmentView(
        assessment_id=row.id,
        case_id=row.case_id,
        instrument=instrument,
        person_id=row.person_id,
        person_name=person_name(person.first_name, person.last_name) if person else "",
        person_role=PersonRole(link.role) if link else PersonRole.OTHER,
        person_protected=bool(person and is_protected(person.protection_level)),
        author=author.full_name if author else "",
        own=own,
        editable=own and row.signed_utc is None and writable,
        assessed_on=row.assessed_on,
        answers=answers,
        field_values=fields_of(row),
        victim_estimate=row.victim_estimate,
        victim_level=RiskLevel(row.victim_level) if row.victim_level else None,
        protective_factors=row.protective_factors,
        judgement=RiskLevel(row.judgement) if row.judgement else None,
        motivation=row.motivation,
        actions=row.actions,
        next_assessment_on=row.next_assessment_on,
        proposed_next_on=due_date(
            work.today, instrument, RiskLevel(row.judgement) if row.judgement else None
        ).isoformat(),
        due_on=row.due_on,
        created_utc=row.created_utc,
        saved_utc=row.saved_utc,
        signed_utc=row.signed_utc,
        signed_on=row.signed_on,
        support=support_count(instrument, answers),
        safety_plan_id=plan_id,
    )
