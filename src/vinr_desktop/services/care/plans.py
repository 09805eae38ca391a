"""Vårdplaner: one per insats, versioned. Version 1 is drafted and signed; a new version starts
as a copy of the newest signed one (after a follow-up), is edited and signed. Signed versions
are read-only (a trigger too) and stay viewable; signing is written to the journal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain import care_plans as rules
from vinr_desktop.domain.care_plans import (
    ROLE_LABELS,
    CarePlanDraft,
    GoalDraft,
    Responsibility,
    ResponsibleRole,
)
from vinr_desktop.domain.decisions import period_text
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.plurals import count_text
from vinr_desktop.services.care.common import (
    day,
    decision_in_case,
    decision_of,
    insats_type,
    iso,
    signed_insats,
    user_names,
)
from vinr_desktop.services.case_access import case_work
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.store.care_schema import CarePlanGoalRow, CarePlanRow, CarePlanTaskRow
from vinr_desktop.store.vault import new_id
from vinr_desktop.views.care import (
    CarePlanVersion,
    CarePlanView,
    GoalView,
    PlanWithDecision,
    ResponsibilityView,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.case_access import CaseWork
    from vinr_desktop.store.care_schema import DecisionRow

PLAN_NOT_FOUND = "Vårdplanen finns inte i ärendet."
SIGNED = "Den här versionen av vårdplanen är signerad och kan inte ändras. Påbörja en ny version."


class CarePlanService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- reading -------------------------------------------------------------------------

    def versions(self, case_id: str, decision_id: str) -> tuple[CarePlanVersion, ...]:
        """Every version of the insats's vårdplan, newest first (a draft at the top)."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            names = user_names(work.session)
            return tuple(
                _version(r, names) for r in reversed(_rows(work.session, case_id, decision_id))
            )

    def get(self, case_id: str, plan_id: str) -> CarePlanView:
        """One version, as it was signed (or the draft as saved)."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return plan_view(work.session, _plan(work, plan_id))

    def current(self, case_id: str, decision_id: str) -> CarePlanView | None:
        """The newest signed version, or None."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            row = newest_signed(work.session, case_id, decision_id)
            return plan_view(work.session, row) if row is not None else None

    # -- writing -------------------------------------------------------------------------

    def start(self, case_id: str, decision_id: str) -> str:
        """Start a draft: version 1 filled from the decision's period, or the next version as a
        copy of the newest signed one. Returns the draft's id."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            decision = signed_insats(work, decision_id)
            rows = _rows(work.session, case_id, decision_id)
            draft = next((r for r in rows if r.signed_utc is None), None)
            base = newest_signed(work.session, case_id, decision_id)
            if rows:
                rules.may_start_new_version(draft is not None, base is not None)
            row = CarePlanRow(
                id=new_id(),
                decision_id=decision_id,
                case_id=case_id,
                version=(rows[-1].version + 1) if rows else 1,
                based_on_id=base.id if base is not None else None,
                created_by=work.user.user_id,
                created_utc=work.now_text,
                saved_utc=work.now_text,
            )
            if base is None:
                row.period_from, row.period_to = decision.period_from, decision.period_to
            else:
                for name in (
                    "period_from",
                    "period_to",
                    "client_participation",
                    "client_view",
                    "children_needs",
                    "follow_up_how",
                ):
                    setattr(row, name, getattr(base, name))
            work.session.add(row)
            work.session.flush()
            if base is not None:
                for goal in _goals(work.session, base.id):
                    work.session.add(
                        CarePlanGoalRow(
                            id=new_id(),
                            plan_id=row.id,
                            position=goal.position,
                            text=goal.text,
                            indicator=goal.indicator,
                        )
                    )
                for task in _tasks(work.session, base.id):
                    work.session.add(
                        CarePlanTaskRow(
                            id=new_id(),
                            plan_id=row.id,
                            position=task.position,
                            role=task.role,
                            text=task.text,
                        )
                    )
            return row.id

    def save_draft(self, case_id: str, plan_id: str, draft: CarePlanDraft) -> None:
        """Save what the form holds (autosave)."""
        rules.check_draft(draft)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            _fill(work, _draft(work, plan_id), draft)

    def sign(self, case_id: str, plan_id: str, draft: CarePlanDraft) -> None:
        """Save and sign the version: read-only from now on, and journalled."""
        rules.check_signable(draft)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _draft(work, plan_id)
            clean = rules.cleaned(draft)
            _fill(work, row, clean)
            row.signed_by = work.user.user_id
            row.signed_utc = work.now_text
            work.session.flush()
            decision = signed_insats(work, row.decision_id)
            add_event_entry(work, _journal_text(row, decision, len(clean.goals)))
            work.record("care_plan_signed", object_id=row.id, reason=str(row.version))

    def discard_draft(self, case_id: str, plan_id: str) -> None:
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _draft(work, plan_id)
            work.session.execute(delete(CarePlanGoalRow).where(CarePlanGoalRow.plan_id == row.id))
            work.session.execute(delete(CarePlanTaskRow).where(CarePlanTaskRow.plan_id == row.id))
            work.session.delete(row)


# -- shared with follow-ups and documents ---------------------------------------------------


def newest_signed(session: Session, case_id: str, decision_id: str) -> CarePlanRow | None:
    signed = [r for r in _rows(session, case_id, decision_id) if r.signed_utc is not None]
    return signed[-1] if signed else None


def plan_view(session: Session, row: CarePlanRow) -> CarePlanView:
    names = user_names(session)
    current = newest_signed(session, row.case_id, row.decision_id)
    return CarePlanView(
        plan_id=row.id,
        decision_id=row.decision_id,
        case_id=row.case_id,
        version=row.version,
        based_on_id=row.based_on_id,
        goals=goal_views(session, row.id),
        responsibilities=tuple(
            ResponsibilityView(
                ResponsibleRole(t.role), ROLE_LABELS[ResponsibleRole(t.role)], t.text
            )
            for t in _tasks(session, row.id)
        ),
        period_from=row.period_from or "",
        period_to=row.period_to or "",
        client_participation=row.client_participation,
        client_view=row.client_view,
        children_needs=row.children_needs,
        follow_up_on=row.follow_up_on or "",
        follow_up_how=row.follow_up_how,
        created_by=names.get(row.created_by, ""),
        saved_utc=row.saved_utc,
        signed_by=names.get(row.signed_by or "", ""),
        signed_utc=row.signed_utc,
        is_current=current is not None and current.id == row.id,
    )


def plan_with_decision(work: CaseWork, plan_id: str) -> PlanWithDecision:
    """One vårdplan version of the case and the decision it plans, finished for its document
    (the caller has checked that the user may read the case)."""
    row = _plan(work, plan_id)
    return PlanWithDecision(
        plan=plan_view(work.session, row),
        decision=decision_of(work, decision_in_case(work, row.decision_id)),
    )


def goal_views(session: Session, plan_id: str) -> tuple[GoalView, ...]:
    return tuple(GoalView(g.id, g.position, g.text, g.indicator) for g in _goals(session, plan_id))


def draft_of(view: CarePlanView) -> CarePlanDraft:
    """A view as a draft (the form's starting values)."""
    return CarePlanDraft(
        goals=tuple(GoalDraft(g.text, g.indicator) for g in view.goals),
        responsibilities=tuple(Responsibility(r.role, r.text) for r in view.responsibilities),
        period_from=day(view.period_from),
        period_to=day(view.period_to),
        client_participation=view.client_participation,
        client_view=view.client_view,
        children_needs=view.children_needs,
        follow_up_on=day(view.follow_up_on),
        follow_up_how=view.follow_up_how,
    )


# -- helpers ------------------------------------------------------------------------------


def _rows(session: Session, case_id: str, decision_id: str) -> list[CarePlanRow]:
    return list(
        session.execute(
            select(CarePlanRow)
            .where(CarePlanRow.case_id == case_id, CarePlanRow.decision_id == decision_id)
            .order_by(CarePlanRow.version)
        ).scalars()
    )


def _goals(session: Session, plan_id: str) -> list[CarePlanGoalRow]:
    return list(
        session.execute(
            select(CarePlanGoalRow)
            .where(CarePlanGoalRow.plan_id == plan_id)
            .order_by(CarePlanGoalRow.position)
        ).scalars()
    )


def _tasks(session: Session, plan_id: str) -> list[CarePlanTaskRow]:
    return list(
        session.execute(
            select(CarePlanTaskRow)
            .where(CarePlanTaskRow.plan_id == plan_id)
            .order_by(CarePlanTaskRow.position)
        ).scalars()
    )


def _plan(work: CaseWork, plan_id: str) -> CarePlanRow:
    row = work.session.get(CarePlanRow, plan_id)
    if row is None or row.case_id != work.case.id:
        raise InvalidInput(PLAN_NOT_FOUND)
    return row


def _draft(work: CaseWork, plan_id: str) -> CarePlanRow:
    row = _plan(work, plan_id)
    if row.signed_utc is not None:
        raise InvalidInput(SIGNED)
    return row


def _fill(work: CaseWork, row: CarePlanRow, draft: CarePlanDraft) -> None:
    """The draft's values into the row; goals and responsibilities replaced."""
    row.period_from = iso(draft.period_from)
    row.period_to = iso(draft.period_to)
    row.client_participation = draft.client_participation
    row.client_view = draft.client_view
    row.children_needs = draft.children_needs
    row.follow_up_on = iso(draft.follow_up_on)
    row.follow_up_how = draft.follow_up_how
    row.saved_utc = work.now_text
    session = work.session
    session.execute(delete(CarePlanGoalRow).where(CarePlanGoalRow.plan_id == row.id))
    session.execute(delete(CarePlanTaskRow).where(CarePlanTaskRow.plan_id == row.id))
    for position, goal in enumerate(draft.goals, 1):
        session.add(
            CarePlanGoalRow(
                id=new_id(),
                plan_id=row.id,
                position=position,
                text=goal.text,
                indicator=goal.indicator,
            )
        )
    for position, task in enumerate(draft.responsibilities, 1):
        session.add(
            CarePlanTaskRow(
                id=new_id(), plan_id=row.id, position=position, role=task.role.value, text=task.text
            )
        )
    # Goals and responsibilities are written before the plan is signed: the store refuses
    # them once it is.
    session.flush()


def _version(row: CarePlanRow, names: dict[str, str]) -> CarePlanVersion:
    return CarePlanVersion(
        row.id, row.version, row.signed_utc, names.get(row.signed_by or "", ""), row.saved_utc
    )


def _journal_text(row: CarePlanRow, decision: DecisionRow, goals: int) -> str:
    kind = insats_type(decision.insats_type)
    label = kind.label if kind is not None else decision.insats_type
    goal_words = count_text(goals, "mål", "mål")
    text = (
        f"Vårdplan version {row.version} signerad för {label} "
        f"({period_text(row.period_from, row.period_to)}): {goal_words}."
    )
    if row.follow_up_on:
        text += f" Uppföljning planerad {row.follow_up_on}."
    return text
