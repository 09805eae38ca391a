"""What the gallring rule needs from the store: each case's last entry, persons, insatser and
markers, the persons' birth dates, and the rules in force (the law's set from resources/, the
municipality's latest dokumenthanteringsplan from the store)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from sqlalchemy import Column, Table, func, select
from sqlalchemy.orm import Session

from vinr_desktop.domain.cases import CaseStatus
from vinr_desktop.domain.retention import (
    CaseFacts,
    MunicipalPlan,
    RuleSet,
    parse_plan,
    parse_rule_sets,
    rules_in_force,
)
from vinr_desktop.resources import retention_rules_data
from vinr_desktop.store.care_schema import DecisionRow
from vinr_desktop.store.case_schema import CaseMarkerRow, CasePersonRow, CaseRow, PersonRow
from vinr_desktop.store.retention_schema import RetentionPlanRow
from vinr_desktop.store.tables import METADATA

# Columns that date a row of a case: an entry written, saved, signed, changed or about a day.
_DATING = ("event_date", "created_utc", "saved_utc", "signed_utc", "updated_utc", "decided_on")
_NOT_ENTRIES = frozenset({"audit_events", "retention_log", "retention_approval_cases"})


def law_rule_sets() -> tuple[RuleSet, ...]:
    return parse_rule_sets(retention_rules_data())


def current_plan(session: Session) -> MunicipalPlan | None:
    """The newest dokumenthanteringsplan loaded, or None."""
    row = session.execute(
        select(RetentionPlanRow).order_by(RetentionPlanRow.loaded_utc.desc()).limit(1)
    ).scalar_one_or_none()
    return parse_plan(json.loads(row.body)) if row is not None else None


def rules_on(session: Session, day: date) -> RuleSet:
    return rules_in_force(law_rule_sets(), current_plan(session), day)


def _latest_per_case(session: Session) -> dict[str, str]:
    """The latest date any row of each case carries (ISO date text)."""
    latest: dict[str, str] = {}
    for table in METADATA.sorted_tables:
        if table.name in _NOT_ENTRIES or "case_id" not in table.c:
            continue
        dating = [table.c[name] for name in _DATING if name in table.c]
        if table.name == "cases":
            dating += [table.c.intake_date, table.c.closed_on, table.c.last_entry_date]
            key: Column[str] = table.c.id
        else:
            key = table.c.case_id
        for column in dating:
            for case_id, value in _max_by(session, table, key, column):
                if value and value[:10] > latest.get(case_id, ""):
                    latest[case_id] = value[:10]
    return latest


def _max_by(
    session: Session, table: Table, key: Column[str], column: Column[str]
) -> list[tuple[str, str | None]]:
    rows = session.execute(select(key, func.max(column)).select_from(table).group_by(key))
    return [(str(k), v) for k, v in rows]


def case_facts(session: Session) -> tuple[list[CaseFacts], dict[str, date | None]]:
    """Every case as the rule sees it, and every linked person's birth date."""
    persons: dict[str, list[str]] = defaultdict(list)
    for case_id, person_id in session.execute(
        select(CasePersonRow.case_id, CasePersonRow.person_id)
    ):
        persons[case_id].append(person_id)
    insats: dict[str, set[str]] = defaultdict(set)
    for case_id, kind in session.execute(
        select(DecisionRow.case_id, DecisionRow.insats_type).where(
            DecisionRow.signed_utc.is_not(None)
        )
    ):
        insats[case_id].add(kind)
    markers: dict[str, set[str]] = defaultdict(set)
    for case_id, code in session.execute(select(CaseMarkerRow.case_id, CaseMarkerRow.code)):
        markers[case_id].add(code)
    latest = _latest_per_case(session)
    facts = [
        CaseFacts(
            case_id=case_id,
            closed=status == CaseStatus.CLOSED.value,
            last_entry=date.fromisoformat(latest.get(case_id, intake)),
            person_ids=tuple(sorted(persons[case_id])),
            insats_types=frozenset(insats[case_id]),
            markers=frozenset(markers[case_id]),
        )
        for case_id, status, intake in session.execute(
            select(CaseRow.id, CaseRow.status, CaseRow.intake_date)
        )
    ]
    births = {
        person_id: date.fromisoformat(birth) if birth else None
        for person_id, birth in session.execute(select(PersonRow.id, PersonRow.birth_date))
    }
    return facts, births
