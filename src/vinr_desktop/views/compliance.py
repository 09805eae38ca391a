"""The egenkontroll as the services return it and the table, the CSV and the PDF show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vinr_desktop.domain.compliance import Answer, Question

SMALL_COUNT = 5  # counts 1–4 are shown "< 5" to the nämnd


@dataclass(frozen=True)
class ComplianceCell:
    answer: Answer
    detail: str  # empty for a case the reader may not open


@dataclass(frozen=True)
class ComplianceRow:
    """One case of the sample: its number, or "Skyddat ärende (ref. …)" when the reader may
    not open it (then `case_id` is None: it cannot be opened from the table)."""

    case_id: str | None
    label: str
    protected: bool
    is_child: bool
    intake_on: date
    cells: tuple[ComplianceCell, ...]  # in Question order


@dataclass(frozen=True)
class QuestionTotal:
    question: Question
    label: str
    counts: tuple[tuple[Answer, int], ...]  # every answer, in Answer order

    def count(self, answer: Answer) -> int:
        return dict(self.counts).get(answer, 0)

    @property
    def applicable(self) -> int:
        return sum(n for a, n in self.counts if a is not Answer.ET)

    def text(self, *, small_counts: bool = False) -> str:
        """'Standardiserad metod: 2 av 5' (the nämnd's version: '< 5 av 5')."""
        yes = count_words(self.count(Answer.JA), small_counts=small_counts)
        total = count_words(self.applicable, small_counts=small_counts)
        return f"{self.label}: {yes} av {total}"


def count_words(count: int, *, small_counts: bool = False) -> str:
    """The count as shown: 1–4 become '< 5' where small counts are hidden."""
    if small_counts and 0 < count < SMALL_COUNT:
        return f"< {SMALL_COUNT}"
    return str(count)


@dataclass(frozen=True)
class ComplianceTable:
    document_id: str
    municipality: str
    unit: str
    made_by: str
    created_utc: str
    period_from: date
    period_to: date
    review_on: date
    selection_text: str  # "Vuxna, 5 slumpvis (frö 4711)"
    seed: int | None
    cases_in_period: int  # before the sample was drawn
    rows: tuple[ComplianceRow, ...]
    totals: tuple[QuestionTotal, ...]


@dataclass(frozen=True)
class ComplianceReport:
    """The table as a document for one recipient: the unit's own (exact counts, details) or
    the nämnd's (totals only, counts 1–4 as "< 5": with the cases listed, a hidden count could
    be read off the list)."""

    table: ComplianceTable
    small_counts: bool
    with_details: bool
    sample_size: int  # the cases in the sample, whether or not they are listed
