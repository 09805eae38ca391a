"""The one place the Bevakningar read the store: `CaseDeadlineFacts` for many cases in a few
queries (cases, then their newest investigation), whatever their number."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from vinr_desktop.domain.cases import CaseStatus, IntakeKind
from vinr_desktop.domain.deadline_rules import CaseDeadlineFacts
from vinr_desktop.store.case_schema import CaseRow
from vinr_desktop.store.facts_schema import InvestigationRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def deadline_facts(session: Session, where: Any) -> list[CaseDeadlineFacts]:
    """The facts of every case matching `where` (a clause over `cases`) that is not closed."""
    cases = session.execute(
        select(
            CaseRow.id,
            CaseRow.is_child_case,
            CaseRow.intake_kind,
            CaseRow.intake_date,
            CaseRow.protection_assessed_on,
            CaseRow.preliminary_decided_on,
        ).where(where, CaseRow.status != CaseStatus.CLOSED.value)
    ).all()
    newest = _newest_investigations(session, [c[0] for c in cases])
    result = []
    for case_id, child, kind, intake, protection, preliminary in cases:
        inv = newest.get(case_id)
        result.append(
            CaseDeadlineFacts(
                case_id=case_id,
                is_child_case=bool(child),
                closed=False,
                reported=kind == IntakeKind.REPORT.value,
                intake_on=date.fromisoformat(intake),
                protection_assessed_on=_day(protection),
                preliminary_decided_on=_day(preliminary),
                investigation_started_on=_day(inv[0]) if inv else None,
                investigation_extended_to=_day(inv[1]) if inv else None,
                investigation_ended_on=_day(inv[2]) if inv else None,
            )
        )
    return result


def _newest_investigations(
    session: Session, case_ids: Iterable[str]
) -> dict[str, tuple[str, str | None, str | None]]:
    wanted = set(case_ids)
    found: dict[str, tuple[str, str | None, str | None]] = {}
    rows = session.execute(
        select(
            InvestigationRow.case_id,
            InvestigationRow.started_on,
            InvestigationRow.extended_to,
            InvestigationRow.ended_on,
        ).order_by(InvestigationRow.started_on)
    )
    for case_id, started, extended, ended in rows:
        if case_id in wanted:
            found[case_id] = (started, extended, ended)  # the newest wins
    return found
