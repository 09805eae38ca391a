"""The egenkontroll as a document for its recipient (the view the pipeline seals and renders).

The unit's own version keeps what the table showed its maker. The nämnd's holds the totals
only, counts 1–4 printed "< 5" (DOMAIN.md: small counts) — a list of the cases beside them
would let a reader count what "< 5" hides. A recipient without the protected cases' numbers
sees such a case by its code even when the maker may open it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from vinr_desktop.domain.redaction import Field, Redactor
from vinr_desktop.services.audit.words import hidden_case_label
from vinr_desktop.views.compliance import ComplianceCell, ComplianceReport, ComplianceTable

if TYPE_CHECKING:
    from vinr_desktop.store.unlocked import Store


def compliance_document(store: Store, table: ComplianceTable, red: Redactor) -> ComplianceReport:
    """The table as far as the recipient may see it."""
    numbers = red.has(Field.PROTECTED_CASE_NUMBERS)
    details = red.has(Field.EXACT_COUNTS)
    rows = []
    listed = table.rows if details else ()
    for row in listed:
        if row.protected and not numbers and row.case_id is not None:
            row = replace(row, case_id=None, label=hidden_case_label(store, row.case_id))
        if not details:
            row = replace(row, cells=tuple(ComplianceCell(c.answer, "") for c in row.cells))
        rows.append(row)
    return ComplianceReport(
        table=replace(table, rows=tuple(rows)),
        small_counts=not red.has(Field.EXACT_COUNTS),
        with_details=details,
        sample_size=len(table.rows),
    )
