"""The one place the Bevakningar read the store: `CaseDeadlineFacts` for many cases in a fixed
small number of queries (cases, their reports, their newest investigation, then the insatser in
care_facts.py and the record facts in record_facts.py), whatever their number; and the settings
the rules take, in one query."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from vinr_desktop.domain import settings
from vinr_desktop.domain.cases import CaseStatus
from vinr_desktop.domain.deadline_facts import CaseDeadlineFacts, DeadlineSettings, ReportFacts
from vinr_desktop.services.deadlines.care_facts import insats_facts
from vinr_desktop.services.deadlines.record_facts import (
    Scope,
    access_ends,
    drafts,
    household_children,
    newest_assessments,
    signed_entries,
)
from vinr_desktop.store.case_schema import CaseRow, ChildReportRow
from vinr_desktop.store.facts_schema import InvestigationRow
from vinr_desktop.store.schema import SettingRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_SETTINGS = (
    settings.ADULT_INVESTIGATION_DAYS,
    settings.IMPLEMENTATION_PLAN_REMINDER_DAYS,
    settings.FOLLOW_UP_INTERVAL_MONTHS,
    settings.UNSIGNED_DRAFT_DAYS,
    settings.JOURNAL_SIGNING_DAYS,
    settings.INACTIVITY_DAYS,
)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def deadline_settings(session: Session) -> DeadlineSettings:
    """The administrator's settings for the rules (defaults where none is stored)."""
    stored = dict(
        session.execute(
            select(SettingRow.key, SettingRow.value).where(
                SettingRow.key.in_([s.key for s in _SETTINGS])
            )
        ).all()
    )
    adult, reminder, interval, draft, signing, inactivity = (
        s.parse(stored.get(s.key)) for s in _SETTINGS
    )
    return DeadlineSettings(
        adult_investigation_days=adult,
        reminder_days=reminder,
        interval_months=interval,
        draft_days=draft,
        journal_signing_days=signing,
        inactivity_days=inactivity,
    )


def deadline_facts(
    session: Session, where: Any, scope: Scope, config: DeadlineSettings
) -> list[CaseDeadlineFacts]:
    """The facts of every case matching `where` (a clause over `cases`) that is not closed."""
    open_cases = (where, CaseRow.status != CaseStatus.CLOSED.value)
    cases = session.execute(
        select(
            CaseRow.id, CaseRow.is_child_case, CaseRow.intake_date, CaseRow.last_entry_date
        ).where(*open_cases)
    ).all()
    if not cases:
        return []
    ids = [c[0] for c in cases]
    wanted = select(CaseRow.id).where(*open_cases).scalar_subquery()
    newest = _newest_investigations(session, ids)
    reports = _reports(session, ids)
    insatser = insats_facts(session, wanted)
    draft_rows = drafts(session, wanted, scope)
    entries = signed_entries(session, set(ids), scope, config.journal_signing_days)
    accesses = access_ends(session, wanted, scope)
    children = household_children(session, wanted)
    assessments = newest_assessments(session, wanted)
    result = []
    for case_id, child, intake, last_entry in cases:
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
                insatser=tuple(insatser.get(case_id, ())),
                drafts=tuple(draft_rows.get(case_id, ())),
                signed_entries=tuple(entries.get(case_id, ())),
                access_ends=tuple(accesses.get(case_id, ())),
                household_children=tuple(children.get(case_id, ())),
                assessments=tuple(assessments.get(case_id, ())),
                last_activity_on=_day(last_entry),
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
