"""The journal timeline as a Qt model: one row per entry, fetched lazily page by page
(`PagedRowsModel`), shown as cards in a list view: the roles below carry each card's parts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from vinr_desktop.domain.journal import KIND_LABELS, EntryKind
from vinr_desktop.services.journal.journal import JournalService
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.rows_model import PagedRowsModel
from vinr_desktop.views.cases import JournalEntryView, TimelineFilter, TimelinePage
from vinr_desktop.views.time_text import datetime_text

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the JournalEntryView
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 2
IS_DRAFT_ROLE = Qt.ItemDataRole.UserRole + 3
IS_CORRECTED_ROLE = Qt.ItemDataRole.UserRole + 4  # shown struck through
IS_EVENT_ROLE = Qt.ItemDataRole.UserRole + 5
HEADER_ROLE = Qt.ItemDataRole.UserRole + 6  # "2026-03-02 · Telefonsamtal · Klienten"
META_ROLE = Qt.ItemDataRole.UserRole + 7  # "Ada … · signerad 2026-03-02 10:00"
NOTE_ROLE = Qt.ItemDataRole.UserRole + 8  # "UTKAST", "Rättad — se rättelse", correction line


def tr(text: str) -> str:
    return QCoreApplication.translate("JournalModel", text)


def header_text(entry: JournalEntryView) -> str:
    parts = [entry.event_date, KIND_LABELS[entry.kind]]
    if entry.source_text and entry.kind is not EntryKind.EVENT:
        parts.append(tr("Källa: {0}").format(entry.source_text))
    return "  ·  ".join(parts)


def meta_text(entry: JournalEntryView) -> str:
    if entry.is_draft:
        return tr("{0} · utkast sparat {1}").format(entry.author, datetime_text(entry.saved_utc))
    return tr("{0} · skriven {1} · signerad {2}").format(
        entry.author, datetime_text(entry.created_utc), datetime_text(entry.signed_utc)
    )


def note_text(entry: JournalEntryView, original_date: str = "") -> str:
    """What the card says above the text: draft, corrected, or a correction and its reason."""
    notes = []
    if entry.is_draft:
        notes.append(tr("UTKAST"))
    if entry.corrected_by_id is not None:
        notes.append(tr("Rättad — se rättelse"))
    if entry.corrects_id is not None:
        if original_date:
            line = tr("Rättelse av anteckning från {0}.").format(original_date)
        else:
            line = tr("Rättelse av en tidigare anteckning.")
        notes.append(f"{line} {tr('Skäl: {0}').format(entry.correction_reason)}")
    if entry.objected_by_ids:
        notes.append(tr("Klienten har invänt mot anteckningen — se invändningen"))
    if entry.objects_to_id is not None:
        notes.append(tr("Klientens invändning mot en tidigare anteckning"))
    return "  ".join(notes)


class JournalModel(PagedRowsModel[JournalEntryView, TimelinePage]):
    """Entries of one case, newest event date first, for the current filter."""

    def __init__(
        self,
        journal: JournalService,
        runner: OperationRunner,
        case_id: str,
        parent_widget: QWidget,
    ) -> None:
        self._journal = journal
        self._case_id = case_id
        self._filter = TimelineFilter()
        super().__init__(
            (tr("Anteckning"),),
            lambda entry: entry.entry_id,
            runner,
            parent_widget,
            fetch=self._timeline(self._filter),
        )

    @property
    def filter(self) -> TimelineFilter:
        return self._filter

    def set_filter(self, flt: TimelineFilter) -> None:
        self._filter = flt
        self.set_source(self._timeline(flt))

    def _timeline(self, flt: TimelineFilter) -> Callable[[int, int], TimelinePage]:
        journal, case_id = self._journal, self._case_id
        return lambda offset, limit: journal.timeline(case_id, flt, offset, limit)

    def page_rows(self, page: TimelinePage) -> Sequence[JournalEntryView]:
        return page.entries

    def page_total(self, page: TimelinePage) -> int:
        return page.total

    def cell(self, entry: JournalEntryView, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.text
        if role == ENTRY_ROLE:
            return entry
        if role == ENTRY_ID_ROLE:
            return entry.entry_id
        if role == IS_DRAFT_ROLE:
            return entry.is_draft
        if role == IS_CORRECTED_ROLE:
            return entry.corrected_by_id is not None
        if role == IS_EVENT_ROLE:
            return entry.kind is EntryKind.EVENT
        if role == HEADER_ROLE:
            return header_text(entry)
        if role == META_ROLE:
            return meta_text(entry)
        if role == NOTE_ROLE:
            return note_text(entry, self._original_date(entry))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return "\n".join(
                t for t in (header_text(entry), meta_text(entry), note_text(entry), entry.text) if t
            )
        return None

    def _original_date(self, entry: JournalEntryView) -> str:
        if entry.corrects_id is None:
            return ""
        original = self.row_at(self.row_of(entry.corrects_id))
        return original.event_date if original is not None else ""
