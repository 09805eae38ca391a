"""The handläggare marks a signed journal entry as the case's risk and protection assessment
(egenkontroll K3), when the assessment was written as an entry rather than with an instrument.

A mark is a recorded fact (who, when, which entry), written to the journal and audited; it is
withdrawn by a new record, never deleted, so the egenkontroll answers the same for a past review
date.
"""

from __future__ import annotations

from sqlalchemy import literal_column, select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.journal import EntryKind
from vinr_desktop.services.case_access import CaseWork, case_work
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import add_event_entry
from vinr_desktop.store.case_schema import JournalEntryRow
from vinr_desktop.store.facts_schema import AssessmentMarkRow
from vinr_desktop.store.vault import new_id

NOT_AN_ENTRY = "Anteckningen finns inte i ärendet."


class AssessmentMarkService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def marked_entries(self, case_id: str) -> frozenset[int]:
        """The case's entries marked as its risk and protection assessment right now."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            return _marked(work)

    def mark(self, case_id: str, entry_id: int) -> None:
        """Mark a signed entry as the case's risk and protection assessment."""
        self._record(case_id, entry_id, marked=True)

    def unmark(self, case_id: str, entry_id: int) -> None:
        """Withdraw the mark (a new record; the first one stays)."""
        self._record(case_id, entry_id, marked=False)

    def _record(self, case_id: str, entry_id: int, *, marked: bool) -> None:
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            entry = work.session.get(JournalEntryRow, entry_id)
            if entry is None or entry.case_id != work.case.id:
                raise InvalidInput(NOT_AN_ENTRY)
            if entry.signed_utc is None or entry.kind == EntryKind.EVENT.value:
                raise InvalidInput("Bara en signerad anteckning som du har skrivit kan markeras.")
            if (entry_id in _marked(work)) == marked:
                raise InvalidInput(
                    "Anteckningen är redan markerad."
                    if marked
                    else "Anteckningen är inte markerad."
                )
            work.session.add(
                AssessmentMarkRow(
                    id=new_id(),
                    case_id=work.case.id,
                    entry_id=entry_id,
                    marked=marked,
                    recorded_on=work.today.isoformat(),
                    recorded_by=work.user.user_id,
                    recorded_utc=work.now_text,
                )
            )
            day = entry.event_date or entry.signed_utc[:10]
            text = (
                f"Anteckningen från {day} markerad som ärendets risk- och skyddsbedömning."
                if marked
                else f"Anteckningen från {day} är inte längre markerad som ärendets risk- och "
                "skyddsbedömning."
            )
            add_event_entry(work, text)
            work.record(
                "assessment_marked" if marked else "assessment_unmarked", object_id=str(entry_id)
            )


def _marked(work: CaseWork) -> frozenset[int]:
    state: dict[int, bool] = {}
    for entry_id, marked in work.session.execute(
        select(AssessmentMarkRow.entry_id, AssessmentMarkRow.marked)
        .where(AssessmentMarkRow.case_id == work.case.id)
        .order_by(AssessmentMarkRow.recorded_utc, literal_column("assessment_marks.rowid"))
    ):
        state[entry_id] = bool(marked)
    return frozenset(e for e, on in state.items() if on)
