"""The one place the Bevakningar read the store: `CaseDeadlineFacts` for many cases in a few
queries (cases, their reports, then their newest investigation), whatever their number."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from vinr_desktop.domain.cases import CaseStatus
from vinr_desktop.domain.deadline_rules import CaseDeadlineFacts, ReportFacts
from vinr_desktop.store.case_schema import CaseRow, ChildReportRow
from vinr_desktop.store.facts_schema import InvestigationRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def deadline_facts(session: Session, where: Any) -> list[CaseDeadlineFacts]:
    """The facts of every case matching `where` (a clause over `cases`) that is not closed."""
    cases = session.execute(
        select(CaseRow.id, CaseRow.is_child_case, CaseRow.intake_date).where(
            where, CaseRow.status != CaseStatus.CLOSED.value
        )
    ).all()
    ids = [c[0] for c in cases]
    newest = _newest_investigations(session, ids)
    reports = _reports(session, ids)
    result = []
    for case_id, child, intake in cases:
        inv = newest.get(case_id)
        result.append(
            CaseDeadlineFacts(
                case_id=case_id,
                is_child_case=bool(child),
                closed=False,
                intake_on=date.fromisoformat(intake),
                investigation_started_on=_day(inv[0]) if inv else None,
                investigation_extended_to=_day(inv[1]) if inv else None,
                investigation_ended_on=_day(inv[2]) if inv else None,
                reports=tuple(reports.get(case_id, ())),
            )
        )
    return result


def _reports(session: Session, case_ids: Iterable[str]) -> dict[str, list[ReportFacts]]:
    """Each case's anmälningar (child_reports), oldest first."""
    wanted = set(case_ids)
    found: dict[str, list[ReportFacts]] = {}
    rows = session.execute(
        select(
            ChildReportRow.case_id,
            ChildReportRow.received_on,
            ChildReportRow.came_in_late,
            ChildReportRow.protection_assessed_on,
            ChildReportRow.preliminary_decided_on,
            ChildReportRow.extended_to,
        ).order_by(ChildReportRow.received_on, ChildReportRow.created_utc)
    )
    for case_id, received, late, protection, preliminary, extended in rows:
        if case_id in wanted:
            found.setdefault(case_id, []).append(
                ReportFacts(
                    received_on=date.fromisoformat(received),
                    came_in_late=bool(late),
                    protection_assessed=protection is not None,
                    preliminary_decided=preliminary is not None,
                    preliminary_extended_to=_day(extended),
                )
            )
    return found


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
