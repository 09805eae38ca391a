"""Klientvy: what the handläggare can show the client at her table — her signed vårdplaner
and follow-ups. The UI renders each through the one document pipeline for the client
recipient (no journal, no addresses, nothing about the violent person: domain/redaction.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.redaction import DocumentKind
from vinr_desktop.services.care.common import insats_type
from vinr_desktop.services.case_access import case_work
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.care_schema import CarePlanRow, DecisionRow, FollowUpRow


@dataclass(frozen=True)
class ClientDocument:
    kind: DocumentKind  # CARE_PLAN or FOLLOW_UP
    object_id: str
    label: str  # "Vårdplan – Stödsamtal, version 2"


def client_documents(ctx: AppContext, case_id: str) -> tuple[ClientDocument, ...]:
    """The case's signed vårdplaner (newest version per insats) and follow-ups, newest first."""
    found: list[ClientDocument] = []
    with case_work(ctx, case_id, Action.READ_CASE) as work:
        decisions = {
            d.id: d
            for d in work.session.execute(
                select(DecisionRow).where(DecisionRow.case_id == case_id)
            ).scalars()
        }

        def insats(decision_id: str) -> str:
            row = decisions.get(decision_id)
            kind = insats_type(row.insats_type) if row is not None else None
            return kind.label if kind is not None else "Insats"

        newest: dict[str, CarePlanRow] = {}
        for plan in work.session.execute(
            select(CarePlanRow).where(
                CarePlanRow.case_id == case_id, CarePlanRow.signed_utc.is_not(None)
            )
        ).scalars():
            if plan.decision_id not in newest or plan.version > newest[plan.decision_id].version:
                newest[plan.decision_id] = plan
        for plan in sorted(newest.values(), key=lambda p: p.signed_utc or "", reverse=True):
            found.append(
                ClientDocument(
                    DocumentKind.CARE_PLAN,
                    plan.id,
                    f"Vårdplan – {insats(plan.decision_id)}, version {plan.version}",
                )
            )
        for follow_up in work.session.execute(
            select(FollowUpRow)
            .where(FollowUpRow.case_id == case_id, FollowUpRow.signed_utc.is_not(None))
            .order_by(FollowUpRow.held_on.desc())
        ).scalars():
            found.append(
                ClientDocument(
                    DocumentKind.FOLLOW_UP,
                    follow_up.id,
                    f"Uppföljning – {insats(follow_up.decision_id)}, {follow_up.held_on or ''}",
                )
            )
    return tuple(found)
