"""The insatser of many cases for the Bevakningar, in four queries whatever their number: the
signed granting decisions (with provider, ending and genomförandeplan joined), their newest
signed vårdplan, their newest reminder and their newest signed follow-up."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from vinr_desktop.domain.deadline_facts import InsatsDeadlineFacts
from vinr_desktop.domain.decisions import GRANTING
from vinr_desktop.services.care.common import insats_type, provider_kind
from vinr_desktop.store.care_schema import (
    CarePlanRow,
    DecisionRow,
    FollowUpRow,
    ImplementationPlanRow,
    InsatsEndingRow,
    ProviderRow,
)
from vinr_desktop.store.facts_schema import ImplementationReminderRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def insats_facts(session: Session, case_ids: Any) -> dict[str, list[InsatsDeadlineFacts]]:
    """Each case's granted insatser (signed, with a first day), by case id; `case_ids` is a
    subquery of the cases wanted."""
    decisions = session.execute(
        select(
            DecisionRow.id,
            DecisionRow.case_id,
            DecisionRow.insats_type,
            DecisionRow.period_from,
            DecisionRow.period_to,
            DecisionRow.review_on,
            ProviderRow.kind,
            InsatsEndingRow.ended_on,
            ImplementationPlanRow.requested_on,
            ImplementationPlanRow.received_on,
        )
        .outerjoin(ProviderRow, ProviderRow.id == DecisionRow.provider_id)
        .outerjoin(InsatsEndingRow, InsatsEndingRow.decision_id == DecisionRow.id)
        .outerjoin(ImplementationPlanRow, ImplementationPlanRow.decision_id == DecisionRow.id)
        .where(
            DecisionRow.case_id.in_(case_ids),
            DecisionRow.signed_utc.is_not(None),
            DecisionRow.outcome.in_([o.value for o in GRANTING]),
            DecisionRow.period_from.is_not(None),
        )
        .order_by(DecisionRow.period_from)
    ).all()
    if not decisions:
        return {}
    granted = (
        select(DecisionRow.id)
        .where(DecisionRow.case_id.in_(case_ids), DecisionRow.signed_utc.is_not(None))
        .scalar_subquery()
    )
    plans = _newest_signed_plans(session, granted)
    reminders = {
        decision_id: newest
        for decision_id, newest in session.execute(
            select(
                ImplementationReminderRow.decision_id,
                func.max(ImplementationReminderRow.reminded_on),
            )
            .where(ImplementationReminderRow.decision_id.in_(granted))
            .group_by(ImplementationReminderRow.decision_id)
        )
    }
    follow_ups = _newest_follow_ups(session, granted)
    found: dict[str, list[InsatsDeadlineFacts]] = {}
    for row in decisions:
        decision_id, case_id, code, start, end, review, kind_code = row[:7]
        ended, requested, received = row[7:]
        kind = insats_type(code)
        provider = provider_kind(kind_code) if kind_code else None
        plan = plans.get(decision_id)
        found.setdefault(case_id, []).append(
            InsatsDeadlineFacts(
                label=kind.label if kind else code,
                period_from=date.fromisoformat(str(start)),
                period_to=_day(end),
                ended_on=_day(ended),
                review_on=_day(review),
                own_provider=bool(provider and provider.own),
                has_signed_plan=plan is not None,
                plan_follow_up_on=_day(plan) if plan else None,
                implementation_requested_on=_day(requested),
                implementation_received_on=_day(received),
                last_reminder_on=_day(reminders.get(decision_id)),
                last_follow_up_next_on=follow_ups.get(decision_id),
            )
        )
    return found


def _newest_signed_plans(session: Session, decision_ids: Any) -> dict[str, str]:
    """decision id → the follow-up date of its newest signed vårdplan ("" when none set)."""
    found: dict[str, str] = {}
    rows = session.execute(
        select(CarePlanRow.decision_id, CarePlanRow.follow_up_on)
        .where(CarePlanRow.decision_id.in_(decision_ids), CarePlanRow.signed_utc.is_not(None))
        .order_by(CarePlanRow.version)
    )
    for decision_id, follow_up_on in rows:
        found[decision_id] = follow_up_on or ""  # the newest version wins
    return found


def _newest_follow_ups(session: Session, decision_ids: Any) -> dict[str, date | None]:
    """decision id → the next date its newest signed follow-up proposed (as the care tab)."""
    found: dict[str, date | None] = {}
    rows = session.execute(
        select(FollowUpRow.decision_id, FollowUpRow.next_on)
        .where(FollowUpRow.decision_id.in_(decision_ids), FollowUpRow.signed_utc.is_not(None))
        .order_by(FollowUpRow.held_on, FollowUpRow.signed_utc)
    )
    for decision_id, next_on in rows:
        found[decision_id] = _day(next_on)  # the newest wins
    return found
