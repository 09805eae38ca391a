"""Kommunicering before signing a decision that goes against the client: the warning signing
gives (domain/communication.py) from the kommunicering recorded for the decision, and the
reason recorded when she signs anyway. Kept here, beside the signing, so care does not depend
on the letters package (which depends on care)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from vinr_desktop.domain.communication import (
    Communication,
    CommunicationHow,
    check_reason,
    signing_warning,
)
from vinr_desktop.domain.decisions import DecisionOutcome
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.store.letter_schema import CommunicationReasonRow, CommunicationRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.case_access import CaseWork


def communication_of(row: CommunicationRow) -> Communication:
    return Communication(
        date.fromisoformat(row.communicated_on),
        CommunicationHow(row.how),
        row.material,
        date.fromisoformat(row.answer_by),
        date.fromisoformat(row.answered_on) if row.answered_on else None,
        row.answer,
    )


def communications_for(session: Session, decision_id: str | None) -> list[CommunicationRow]:
    if decision_id is None:
        return []
    return list(
        session.execute(
            select(CommunicationRow)
            .where(CommunicationRow.decision_id == decision_id)
            .order_by(CommunicationRow.communicated_on, CommunicationRow.recorded_utc)
        ).scalars()
    )


def warning_for(
    session: Session, decision_id: str | None, outcome: DecisionOutcome, on: date
) -> str | None:
    """Why signing `outcome` decided `on` asks for a reason, or None."""
    items = [communication_of(r) for r in communications_for(session, decision_id)]
    return signing_warning(outcome, items, on)


def pass_gate(
    work: CaseWork, decision_id: str | None, outcome: DecisionOutcome, on: date, reason: str
) -> str | None:
    """Before signing: CommunicationReasonNeeded when a reason is needed and missing; returns
    the warning to record after signing (with `record_reason`)."""
    warning = warning_for(work.session, decision_id, outcome, on)
    check_reason(warning, reason)
    return warning


def record_reason(work: CaseWork, decision_id: str, warning: str, reason: str) -> None:
    """The reason for signing without complete kommunicering, kept and journalled."""
    work.session.add(
        CommunicationReasonRow(
            decision_id=decision_id,
            warning=warning,
            reason=reason.strip(),
            recorded_by=work.user.user_id,
            recorded_utc=work.now_text,
        )
    )
    add_event_entry(
        work, f"Beslutet signerades utan fullständig kommunicering. Skäl: {reason.strip()}"
    )
    work.record("decision_signed_without_communication", object_id=decision_id)
