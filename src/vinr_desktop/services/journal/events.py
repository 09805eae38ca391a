"""Journal entries the program writes itself (status changes, markers, persons, closing).

They are signed at once by the user who made the change, so the journal shows who did what
and when without anyone having to write it down.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from vinr_desktop.domain.journal import EntryKind, SourceKind
from vinr_desktop.services.context import AppContext
from vinr_desktop.store.case_schema import JournalEntryRow

if TYPE_CHECKING:
    from vinr_desktop.services.case_access import CaseWork


def today_for(ctx: AppContext) -> date:
    """Today's date where the user is (local time of the injected clock)."""
    return ctx.now().astimezone().date()


def add_event_entry(work: CaseWork, text: str, today: date | None = None) -> int:
    """Write and sign an EVENT entry in the case; returns its id."""
    now = work.now_text
    row = JournalEntryRow(
        case_id=work.case.id,
        kind=EntryKind.EVENT.value,
        source=SourceKind.PROGRAM.value,
        source_detail="",
        event_date=(today or work.today).isoformat(),
        text=text,
        author_id=work.user.user_id,
        created_utc=now,
        saved_utc=now,
        signed_utc=now,
        corrects_id=None,
        correction_reason="",
    )
    work.session.add(row)
    work.session.flush()
    note_entry_date(work, row.event_date)
    return row.id


def note_entry_date(work: CaseWork, event_date: str) -> None:
    """Keep the case's "last entry" date (shown in Mina ärenden) in step."""
    if work.case.last_entry_date is None or event_date > work.case.last_entry_date:
        work.case.last_entry_date = event_date
    work.case.updated_utc = work.now_text
