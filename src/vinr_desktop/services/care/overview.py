"""A case's insatser together: each decision with its vårdplan, genomförandeplan and follow-up
state, and the egenkontroll checks (vårdplan signed, genomförandeplan requested/reminded/
received, follow-up not overdue, a child at skyddat boende with its own case and decision).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.care_deadlines import (
    PLAN_STATUS_LABELS,
    CareCheck,
    ChildAlongFacts,
    InsatsFacts,
    care_checks,
    follow_up_due,
    follow_up_overdue,
    next_follow_up,
)
from vinr_desktop.domain.decisions import InsatsState
from vinr_desktop.services.care.common import (
    care_settings,
    day,
    decision_view,
    implementation_view,
    user_names,
)
from vinr_desktop.services.case_access import case_work
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.care_schema import (
    CarePlanRow,
    DecisionRow,
    FollowUpRow,
    ImplementationPlanRow,
)
from vinr_desktop.views.care import (
    CarePlanVersion,
    CareSettings,
    DecisionView,
    ImplementationPlanView,
    InsatsOverview,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.case_access import CaseWork


class CareOverviewService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def settings(self) -> CareSettings:
        """The reminder days, follow-up interval and provider identity setting."""
        store = self.ctx.require_store()
        self.ctx.require_user()
        with store.session() as session:
            return care_settings(session)

    def proposed_next_follow_up(self, held_on: date) -> date:
        """The next follow-up proposed after one held on `held_on` (the interval setting)."""
        return next_follow_up(held_on, self.settings().interval_months)

    def insatser(self, case_id: str) -> tuple[InsatsOverview, ...]:
        """Every decision of the case with where its plans and follow-ups stand, newest first."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return tuple(_overviews(work))

    def checks(self, case_id: str) -> tuple[CareCheck, ...]:
        """The egenkontroll lines for the case's planned and running insatser."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return tuple(c for o in _overviews(work) for c in o.checks)


def _overviews(work: CaseWork) -> list[InsatsOverview]:
    session = work.session
    names = user_names(session)
    config = care_settings(session)
    rows = session.execute(select(DecisionRow).where(DecisionRow.case_id == work.case.id)).scalars()
    result = []
    for row in list(rows):
        view = decision_view(session, work.viewer, row, names, work.today)
        plans = list(
            session.execute(
                select(CarePlanRow)
                .where(CarePlanRow.decision_id == row.id)
                .order_by(CarePlanRow.version)
            ).scalars()
        )
        signed = [p for p in plans if p.signed_utc is not None]
        draft = next((p for p in plans if p.signed_utc is None), None)
        implementation: ImplementationPlanView | None = None
        if view.is_insats:
            implementation = implementation_view(
                session,
                view,
                session.get(ImplementationPlanRow, row.id),
                names,
                config.reminder_days,
                work.today,
            )
        last_held, last_next = _last_follow_up(session, row.id)
        current = signed[-1] if signed else None
        plan_follow_up = day(current.follow_up_on) if current else None
        period_from = day(row.period_from)
        running = view.state is InsatsState.RUNNING and period_from is not None
        next_on = ""
        review_on, period_to = day(row.review_on), day(row.period_to)
        if running and period_from is not None:
            next_on = follow_up_due(
                period_from,
                config.interval_months,
                last_proposed=last_next,
                plan_follow_up_on=plan_follow_up,
                review_on=review_on,
                period_to=period_to,
            ).isoformat()
        facts = InsatsFacts(
            decision_id=row.id,
            label=f"{view.insats_label} ({view.period_text})",
            state=view.state,
            period_from=period_from,
            shelter=view.shelter,
            own_provider=view.provider_own,
            has_signed_plan=current is not None,
            plan_follow_up_on=plan_follow_up,
            # The latest contact (request or reminder): the next reminder counts from it.
            implementation_requested_on=day(implementation.last_contact_on)
            if implementation
            else None,
            implementation_received_on=day(implementation.received_on) if implementation else None,
            last_follow_up_next_on=last_next,
            children_along=_children(view),
            review_on=review_on,
            period_to=period_to,
        )
        result.append(
            InsatsOverview(
                decision=view,
                care_plan=_version(current, names),
                care_plan_draft=_version(draft, names),
                implementation_status=implementation.status if implementation else None,
                implementation_label=PLAN_STATUS_LABELS[implementation.status]
                if implementation
                else "",
                last_follow_up_on=last_held.isoformat() if last_held else "",
                next_follow_up_on=next_on,
                follow_up_overdue=follow_up_overdue(
                    view.state,
                    period_from,
                    work.today,
                    config.interval_months,
                    last_proposed=last_next,
                    plan_follow_up_on=plan_follow_up,
                    review_on=review_on,
                    period_to=period_to,
                ),
                checks=care_checks(
                    [facts],
                    work.today,
                    reminder_days=config.reminder_days,
                    interval_months=config.interval_months,
                ),
            )
        )
    result.sort(key=lambda o: (o.decision.is_draft, o.decision.decided_on), reverse=True)
    return result


def _children(view: DecisionView) -> tuple[ChildAlongFacts, ...]:
    return tuple(
        ChildAlongFacts(c.person_id, c.name, c.child_case_id is not None, c.has_own_decision)
        for c in view.children_along
    )


def _last_follow_up(session: Session, decision_id: str) -> tuple[date | None, date | None]:
    """The newest signed follow-up's date and the next date it proposed."""
    last = session.execute(
        select(FollowUpRow.held_on, FollowUpRow.next_on)
        .where(FollowUpRow.decision_id == decision_id, FollowUpRow.signed_utc.is_not(None))
        .order_by(FollowUpRow.held_on.desc(), FollowUpRow.signed_utc.desc())
        .limit(1)
    ).first()
    if last is None:
        return None, None
    return day(last[0]), day(last[1])


def _version(row: CarePlanRow | None, names: dict[str, str]) -> CarePlanVersion | None:
    if row is None:
        return None
    return CarePlanVersion(
        row.id, row.version, row.signed_utc, names.get(row.signed_by or "", ""), row.saved_utc
    )
