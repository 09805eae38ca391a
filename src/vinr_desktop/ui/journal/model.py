"""The journal timeline as a Qt list model: one row per entry, fetched lazily page by page.

The first page (200 entries) is asked for when the model is reset; the view asks for more with
`canFetchMore`/`fetchMore` as the user scrolls, so a case with thousands of entries shows its
newest rows at once. Every fetch goes through the OperationRunner; a reset (new filter, reload)
moves to a new generation so pages that arrive late for an old filter are dropped.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QWidget

from vinr_desktop.domain.journal import KIND_LABELS, EntryKind
from vinr_desktop.services.journal.journal import JournalService
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.views.cases import JournalEntryView, TimelineFilter, TimelinePage
from vinr_desktop.views.time_text import datetime_text

PAGE_SIZE = 200

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the JournalEntryView
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 2
IS_DRAFT_ROLE = Qt.ItemDataRole.UserRole + 3
IS_CORRECTED_ROLE = Qt.ItemDataRole.UserRole + 4  # shown struck through
IS_EVENT_ROLE = Qt.ItemDataRole.UserRole + 5
HEADER_ROLE = Qt.ItemDataRole.UserRole + 6  # "2026-03-02 · Telefonsamtal · Klienten"
META_ROLE = Qt.ItemDataRole.UserRole + 7  # "Ada … · signerad 2026-03-02 10:00"
NOTE_ROLE = Qt.ItemDataRole.UserRole + 8  # "UTKAST", "Rättad — se rättelse", correction line

_Index = QModelIndex | QPersistentModelIndex


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
    return "  ".join(notes)


class JournalModel(QAbstractListModel):
    """Entries of one case, newest event date first, for the current filter."""

    loaded = Signal()  # a page arrived (the first one after a reset, or a later one)
    failed = Signal(str)

    def __init__(
        self,
        journal: JournalService,
        runner: OperationRunner,
        case_id: str,
        parent_widget: QWidget,
    ) -> None:
        super().__init__(parent_widget)
        self._journal = journal
        self._runner = runner
        self._case_id = case_id
        self._widget = parent_widget
        self._filter = TimelineFilter()
        self._entries: list[JournalEntryView] = []
        self._total = 0
        self._generation = 0
        self._fetching = False
        self._reset_done = False

    # -- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
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

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not self._reset_done:
            return False
        return not self._fetching and len(self._entries) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch(len(self._entries))

    # -- loading ---------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def filter(self) -> TimelineFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._fetching

    def set_filter(self, flt: TimelineFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Start again from the first page (after a change or a new filter)."""
        self._generation += 1
        self._fetching = False
        self._fetch(0)

    def clear(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._entries = []
        self._total = 0
        self.endResetModel()

    def row_of(self, entry_id: int) -> int:
        return next((i for i, e in enumerate(self._entries) if e.entry_id == entry_id), -1)

    def entry_at(self, row: int) -> JournalEntryView | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def _original_date(self, entry: JournalEntryView) -> str:
        if entry.corrects_id is None:
            return ""
        row = self.row_of(entry.corrects_id)
        return self._entries[row].event_date if row >= 0 else ""

    def _fetch(self, offset: int) -> None:
        generation = self._generation
        journal, case_id, flt = self._journal, self._case_id, self._filter
        self._fetching = True
        self._runner.run(
            lambda: journal.timeline(case_id, flt, offset, PAGE_SIZE),
            parent=self._widget,
            success=lambda page: self._arrived(generation, page),
            failure=lambda message: self._fetch_failed(generation, message),
        )

    def _fetch_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._fetching = False
            self.failed.emit(message)

    def _arrived(self, generation: int, page: TimelinePage) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._total = page.total
        if page.offset == 0:
            self.beginResetModel()
            self._entries = list(page.entries)
            self._reset_done = True
            self.endResetModel()
        elif page.entries:
            first = len(self._entries)
            self.beginInsertRows(QModelIndex(), first, first + len(page.entries) - 1)
            self._entries.extend(page.entries)
            self.endInsertRows()
        self.loaded.emit()
