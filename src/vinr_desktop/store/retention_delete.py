"""Deleting cases and the persons only they hold, inside the caller's transaction (gallring).

What belongs to a case is found from the schema, not listed by hand: every row of a table with
a `case_id` column of the case, every row whose foreign key points at such a row, and so on down;
a person goes with the case when no remaining case links to her, and with her the rows pointing
at her. A table added later with a foreign key to `cases` or `persons` is therefore gallrad too.
Kept on purpose: the audit chain (its rows name the case by id only, and their MACs must still
verify; after the gallring those ids point at nothing), users, providers and instruments.

The signed-row guards of the schema let rows go only while `retention_unlock` holds a row
(migration 0011); `delete_cases` sets it and clears it in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Table, delete, false, func, or_, select
from sqlalchemy.orm import Session

from vinr_desktop.store.case_schema import CasePersonRow
from vinr_desktop.store.retention_schema import RetentionUnlockRow
from vinr_desktop.store.tables import METADATA

# Tables never gallrad, whatever columns they have.
KEPT_TABLES = frozenset({"audit_events", "retention_log", "retention_approval_cases"})

Step = Callable[[str], None]


@dataclass(frozen=True)
class Deleted:
    persons: int
    rows: int  # every row deleted, per table summed
    per_table: dict[str, int]


def _condition(
    table: Table, case_ids: Collection[str], person_ids: Collection[str], depth: int = 0
) -> ColumnElement[bool] | None:
    """Rows of `table` that belong to the cases or persons, or None if none can."""
    if table.name == "cases":
        return table.c.id.in_(case_ids)
    if table.name == "persons":
        return table.c.id.in_(person_ids) if person_ids else false()
    if table.name in KEPT_TABLES or depth > 8:
        return None
    parts: list[ColumnElement[bool]] = []
    if "case_id" in table.c:
        parts.append(table.c.case_id.in_(case_ids))
    for fk in table.foreign_keys:
        parent = fk.column.table
        if parent is table:
            continue  # a correction points at an entry of the same case
        inner = _condition(parent, case_ids, person_ids, depth + 1)
        if inner is not None:
            parts.append(fk.parent.in_(select(fk.column).where(inner)))
    return or_(*parts) if parts else None


def gallrad_tables() -> tuple[str, ...]:
    """The tables a gallring deletes from (for the tests that hold the schema to it)."""
    return tuple(t.name for t in METADATA.sorted_tables if _condition(t, ["x"], ["y"]) is not None)


def persons_only_in(session: Session, case_ids: Collection[str]) -> list[str]:
    """Persons linked to these cases and to no other case."""
    linked = select(CasePersonRow.person_id).where(CasePersonRow.case_id.in_(case_ids))
    elsewhere = select(CasePersonRow.person_id).where(CasePersonRow.case_id.not_in(case_ids))
    return list(
        session.execute(
            select(CasePersonRow.person_id)
            .where(CasePersonRow.person_id.in_(linked), CasePersonRow.person_id.not_in(elsewhere))
            .distinct()
        ).scalars()
    )


def delete_cases(session: Session, case_ids: Collection[str], step: Step | None = None) -> Deleted:
    """Delete the cases, what only they hold and the persons only they link, in the caller's
    transaction; children before parents. `step(table)` is called after each table."""
    case_ids = list(case_ids)
    person_ids = persons_only_in(session, case_ids)
    session.add(RetentionUnlockRow(flag=1))
    session.flush()
    per_table: dict[str, int] = {}
    for table in reversed(METADATA.sorted_tables):
        where = _condition(table, case_ids, person_ids)
        if where is None:
            continue
        count = session.execute(select(func.count()).select_from(table).where(where)).scalar_one()
        if count:
            session.execute(delete(table).where(where))
            per_table[table.name] = count
        if step is not None:
            step(table.name)
    session.execute(delete(RetentionUnlockRow.__table__))  # type: ignore[arg-type]
    return Deleted(len(person_ids), sum(per_table.values()), per_table)
