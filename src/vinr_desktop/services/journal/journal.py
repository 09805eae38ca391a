"""The journal: the timeline of a case, drafts saved as they are typed, signing, corrections.

A signed entry is read-only twice over: these services refuse, and a trigger in the store
aborts any UPDATE or DELETE of a signed row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select

from vinr_desktop.access.policy import Action
from vinr_desktop.domain.cases import check_reason
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.journal import (
    EntryDraft,
    EntryKind,
    SourceKind,
    check_correction,
    check_draft,
    check_signable,
    source_text,
)
from vinr_desktop.services.case_access import case_work
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.journal.events import note_entry_date
from vinr_desktop.store.case_schema import JournalEntryRow
from vinr_desktop.store.case_schema import JournalEntryRow as J
from vinr_desktop.store.schema import UserRow
from vinr_desktop.views.cases import JournalEntryView, TimelineFilter, TimelinePage

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from vinr_desktop.services.case_access import CaseWork

PAGE_SIZE = 200
DRAFT_NOT_FOUND = "Utkastet finns inte längre. Det kan ha signerats eller tagits bort."


@dataclass(frozen=True)
class Author:
    user_id: str
    name: str


class JournalService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- reading -------------------------------------------------------------------------

    def timeline(
        self,
        case_id: str,
        flt: TimelineFilter | None = None,
        offset: int = 0,
        limit: int = PAGE_SIZE,
    ) -> TimelinePage:
        """Entries by event date, newest first: every signed entry and the user's own drafts."""
        flt = flt or TimelineFilter()
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            session, me = work.session, work.user.user_id
            clauses = [J.case_id == case_id, or_(J.signed_utc.is_not(None), J.author_id == me)]
            if flt.kinds:
                clauses.append(J.kind.in_([k.value for k in flt.kinds]))
            if flt.date_from is not None:
                clauses.append(J.event_date >= flt.date_from.isoformat())
            if flt.date_to is not None:
                clauses.append(J.event_date <= flt.date_to.isoformat())
            if flt.author_id is not None:
                clauses.append(J.author_id == flt.author_id)
            total = session.execute(
                select(func.count()).select_from(J).where(*clauses)
            ).scalar_one()
            rows = session.execute(
                select(J, UserRow.full_name)
                .join(UserRow, UserRow.id == J.author_id)
                .where(*clauses)
                .order_by(J.event_date.desc(), J.id.desc())
                .offset(offset)
                .limit(limit)
            ).all()
            ids = [row.id for row, _name in rows]
            corrected = _corrected_by(session, ids)
            objected = _objected_by(session, ids)
            entries = tuple(
                _view(row, name, me, corrected.get(row.id), objected.get(row.id, ()))
                for row, name in rows
            )
            return TimelinePage(entries, total, offset)

    def entry(self, case_id: str, entry_id: int) -> JournalEntryView:
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            row = _visible_entry(work, entry_id)
            author = work.session.get(UserRow, row.author_id)
            corrected = _corrected_by(work.session, [row.id])
            objected = _objected_by(work.session, [row.id])
            return _view(
                row,
                author.full_name if author else "",
                work.user.user_id,
                corrected.get(row.id),
                objected.get(row.id, ()),
            )

    def authors(self, case_id: str) -> list[Author]:
        """Everyone who has signed an entry in the case (for the timeline's filter)."""
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            rows = work.session.execute(
                select(UserRow.id, UserRow.full_name)
                .where(UserRow.id.in_(select(J.author_id).where(J.case_id == case_id).distinct()))
                .order_by(UserRow.full_name)
            ).all()
            return [Author(user_id, name) for user_id, name in rows]

    def my_drafts(self, case_id: str) -> list[JournalEntryView]:
        with case_work(self.ctx, case_id, Action.READ_CASE) as work:
            me = work.user.user_id
            rows = work.session.execute(
                select(J)
                .where(J.case_id == case_id, J.author_id == me, J.signed_utc.is_(None))
                .order_by(J.saved_utc.desc())
            ).scalars()
            return [_view(row, work.user.full_name, me, None) for row in rows]

    # -- writing -------------------------------------------------------------------------

    def save_draft(self, case_id: str, entry_id: int | None, draft: EntryDraft) -> int:
        """Save what the editor holds (autosave); returns the draft's id."""
        check_draft(draft)
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            row = _own_draft(work, entry_id) if entry_id is not None else _new_draft(work)
            _fill(row, draft, work.now_text)
            work.session.flush()
            return row.id

    def discard_draft(self, case_id: str, entry_id: int) -> None:
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            work.session.delete(_own_draft(work, entry_id))

    def sign(self, case_id: str, entry_id: int | None, draft: EntryDraft) -> int:
        """Save and sign in one step; the entry is then read-only. Returns its id."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            check_signable(draft, work.today)
            row = _own_draft(work, entry_id) if entry_id is not None else _new_draft(work)
            _fill(row, draft, work.now_text)
            row.signed_utc = work.now_text
            work.session.flush()
            note_entry_date(work, row.event_date)
            work.record("journal_signed", object_id=str(row.id))
            return row.id

    def correct(self, case_id: str, original_id: int, reason: str, draft: EntryDraft) -> int:
        """Rätta: a new signed entry linked to the original, which stays readable."""
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            original = _visible_entry(work, original_id)
            if EntryKind(original.kind) is EntryKind.EVENT:
                raise InvalidInput("Händelser som programmet skrivit kan inte rättas.")
            already = work.session.execute(
                select(J.id).where(J.corrects_id == original_id).limit(1)
            ).first()
            cleaned = check_correction(original.signed_utc is not None, already is not None, reason)
            check_signable(draft, work.today)
            row = _new_draft(work)
            _fill(row, draft, work.now_text)
            row.corrects_id = original_id
            row.correction_reason = cleaned
            row.signed_utc = work.now_text
            work.session.flush()
            note_entry_date(work, row.event_date)
            work.record("journal_corrected", object_id=str(row.id))
            return row.id

    def record_objection(self, case_id: str, entry_id: int, on: date, text: str) -> int:
        """The client says a signed entry is wrong: her view, in her words, as a signed entry
        of its own linked to it (the entry itself is never changed)."""
        cleaned = check_reason(text, "Klientens invändning")
        with case_work(self.ctx, case_id, Action.WRITE_CASE) as work:
            original = _visible_entry(work, entry_id)
            if original.signed_utc is None or EntryKind(original.kind) is EntryKind.EVENT:
                raise InvalidInput("Klienten kan invända mot en signerad anteckning.")
            if on > work.today:
                raise InvalidInput("Datumet kan inte ligga i framtiden.")
            row = _new_draft(work)
            row.kind = EntryKind.NOTE.value
            row.source = SourceKind.CLIENT.value
            row.event_date = on.isoformat()
            row.text = cleaned
            row.objects_to_id = original.id
            row.signed_utc = work.now_text
            work.session.flush()
            note_entry_date(work, row.event_date)
            work.record("journal_objection_recorded", object_id=str(row.id))
            return row.id


# -- helpers ------------------------------------------------------------------------------


def _new_draft(work: CaseWork) -> JournalEntryRow:
    row = JournalEntryRow(
        case_id=work.case.id,
        kind=EntryKind.NOTE.value,
        source="",
        source_detail="",
        event_date="",
        text="",
        author_id=work.user.user_id,
        created_utc=work.now_text,
        saved_utc=work.now_text,
        signed_utc=None,
        corrects_id=None,
        correction_reason="",
    )
    work.session.add(row)
    return row


def _own_draft(work: CaseWork, entry_id: int) -> JournalEntryRow:
    row = work.session.get(JournalEntryRow, entry_id)
    if row is None or row.case_id != work.case.id or row.author_id != work.user.user_id:
        raise InvalidInput(DRAFT_NOT_FOUND)
    if row.signed_utc is not None:
        raise InvalidInput("Anteckningen är signerad och kan inte ändras. Använd Rätta.")
    return row


def _visible_entry(work: CaseWork, entry_id: int) -> JournalEntryRow:
    row = work.session.get(JournalEntryRow, entry_id)
    if (
        row is None
        or row.case_id != work.case.id
        or (row.signed_utc is None and row.author_id != work.user.user_id)
    ):
        raise InvalidInput("Anteckningen finns inte i ärendet.")
    return row


def _fill(row: JournalEntryRow, draft: EntryDraft, now_text: str) -> None:
    row.kind = draft.kind.value
    row.source = draft.source.value if draft.source is not None else ""
    row.source_detail = draft.source_detail.strip()
    row.event_date = draft.event_date.isoformat() if draft.event_date else ""
    row.text = draft.text
    row.saved_utc = now_text


def _corrected_by(session: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = session.execute(
        select(J.corrects_id, J.id).where(J.corrects_id.in_(ids), J.signed_utc.is_not(None))
    ).all()
    return {int(original): int(correction) for original, correction in rows if original is not None}


def _objected_by(session: Session, ids: list[int]) -> dict[int, tuple[int, ...]]:
    if not ids:
        return {}
    rows = session.execute(
        select(J.objects_to_id, J.id)
        .where(J.objects_to_id.in_(ids), J.signed_utc.is_not(None))
        .order_by(J.id)
    ).all()
    found: dict[int, tuple[int, ...]] = {}
    for original, objection in rows:
        if original is not None:
            found[int(original)] = (*found.get(int(original), ()), int(objection))
    return found


def _view(
    row: JournalEntryRow,
    author: str,
    me: str,
    corrected_by: int | None,
    objected_by: tuple[int, ...] = (),
) -> JournalEntryView:
    source = SourceKind(row.source) if row.source else None
    return JournalEntryView(
        entry_id=row.id,
        case_id=row.case_id,
        kind=EntryKind(row.kind),
        source=source,
        source_detail=row.source_detail,
        source_text=source_text(source, row.source_detail),
        event_date=row.event_date,
        text=row.text,
        author=author,
        own=row.author_id == me,
        created_utc=row.created_utc,
        saved_utc=row.saved_utc,
        signed_utc=row.signed_utc,
        corrects_id=row.corrects_id,
        correction_reason=row.correction_reason,
        corrected_by_id=corrected_by,
        objects_to_id=row.objects_to_id,
        objected_by_ids=objected_by,
    )
