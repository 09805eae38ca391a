"""Reading safety plans: the visible rows of a case, the current version per person, open
review marks, and the view of one version (the safe places hidden for a protected person).

Used by SafetyPlanService inside its `case_work` transaction (access already checked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.persons import is_protected
from vinr_desktop.store.case_schema import PersonRow
from vinr_desktop.store.risk_schema import SafetyPlanReviewRow as R
from vinr_desktop.store.risk_schema import SafetyPlanRow
from vinr_desktop.store.risk_schema import SafetyPlanRow as P
from vinr_desktop.store.schema import UserRow
from vinr_desktop.views.risk import PlanReview, SafetyPlanView

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork

NOT_FOUND = "Säkerhetsplanen finns inte i ärendet."


def person_name(first: str, last: str) -> str:
    return " ".join(p for p in (first, last) if p)


def plan_rows(work: CaseWork) -> list[SafetyPlanRow]:
    return list(
        work.session.execute(
            select(P).where(
                P.case_id == work.case.id,
                or_(P.signed_utc.is_not(None), P.author_id == work.user.user_id),
            )
        ).scalars()
    )


def current_ids(rows: list[SafetyPlanRow]) -> set[str]:
    """The newest signed version per person."""
    best: dict[str, SafetyPlanRow] = {}
    for row in rows:
        if row.signed_utc is None:
            continue
        if row.person_id not in best or row.version > best[row.person_id].version:
            best[row.person_id] = row
    return {row.id for row in best.values()}


def open_review_plan_ids(work: CaseWork, plan_ids: list[str]) -> set[str]:
    if not plan_ids:
        return set()
    return set(
        work.session.execute(
            select(R.plan_id).where(R.plan_id.in_(plan_ids), R.resolved_utc.is_(None))
        ).scalars()
    )


def person_names(work: CaseWork, ids: set[str]) -> dict[str, str]:
    rows = work.session.execute(
        select(PersonRow.id, PersonRow.first_name, PersonRow.last_name).where(PersonRow.id.in_(ids))
    ).all()
    return {i: person_name(f, last) for i, f, last in rows}


def author_names(work: CaseWork, ids: set[str]) -> dict[str, str]:
    rows = work.session.execute(
        select(UserRow.id, UserRow.full_name).where(UserRow.id.in_(ids))
    ).all()
    return {i: n for i, n in rows}


def visible_plan(work: CaseWork, plan_id: str) -> SafetyPlanRow:
    row = work.session.get(SafetyPlanRow, plan_id)
    if (
        row is None
        or row.case_id != work.case.id
        or (row.signed_utc is None and row.author_id != work.user.user_id)
    ):
        raise InvalidInput(NOT_FOUND)
    return row


def plan_view(work: CaseWork, row: SafetyPlanRow) -> SafetyPlanView:
    person = work.session.get(PersonRow, row.person_id)
    protected = bool(person and is_protected(person.protection_level))
    reviews = list(
        work.session.execute(select(R).where(R.plan_id == row.id).order_by(R.raised_utc)).scalars()
    )
    names = author_names(work, {r.resolved_by for r in reviews if r.resolved_by} | {row.author_id})
    current = row.id in current_ids([r for r in plan_rows(work) if r.person_id == row.person_id])
    own = row.author_id == work.user.user_id
    writable = work.may(Action.WRITE_CASE) and work.case.status != "closed"
    return SafetyPlanView(
        plan_id=row.id,
        case_id=row.case_id,
        person_id=row.person_id,
        person_name=person_name(person.first_name, person.last_name) if person else "",
        person_protected=protected,
        version=row.version,
        contacts=row.contacts,
        safe_places=None if protected else row.safe_places,
        signals=row.signals,
        actions_when=row.actions_when,
        children_part=row.children_part,
        author=names.get(row.author_id, ""),
        own=own,
        editable=own and row.signed_utc is None and writable,
        current=current,
        created_utc=row.created_utc,
        saved_utc=row.saved_utc,
        signed_utc=row.signed_utc,
        signed_on=row.signed_on,
        reviews=tuple(
            PlanReview(
                r.id,
                r.raised_utc,
                r.resolved_utc,
                names.get(r.resolved_by or "", ""),
                r.resolution,
                r.comment,
            )
            for r in reviews
        ),
    )
