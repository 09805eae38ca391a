"""Audit events as a Qt table model: one row per event, fetched lazily page by page.

Used by the log review (loggkontroll), the handläggare's "Vem har sett mina ärenden?" and a
case's Åtkomst tab; each view hides the columns it does not need. Rows come from the log
review service already in words, with a case the reader may not open shown only as
"Skyddat ärende (ref. …)". Every fetch goes through the OperationRunner; a reset (new filter,
reload) moves to a new generation so pages that arrive late for an old filter are dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from vinr_desktop.domain.plurals import by_count
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.views.audit import AuditEventView, AuditPage
from vinr_desktop.views.time_text import datetime_text

PAGE_SIZE = 200

COL_TIME = 0
COL_USER = 1
COL_EVENT = 2
COL_CASE = 3
COL_DETAIL = 4
COL_REASON = 5
COL_FLAG = 6
COL_REVIEWED = 7
COLUMN_COUNT = 8

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1  # the AuditEventView
SEQ_ROLE = Qt.ItemDataRole.UserRole + 2
NEEDS_REVIEW_ROLE = Qt.ItemDataRole.UserRole + 3  # flagged and not yet reviewed

# Soft tones: a flagged row must stand out in a long list without shouting.
NEEDS_REVIEW_ROW = QColor("#fdf0ee")
NEEDS_REVIEW_FLAG = QColor("#f6d5d1")
FLAG_TEXT = QColor("#8c1d18")
REVIEWED_TEXT = QColor("#1e6b3a")
MUTED_TEXT = QColor("#6b7785")

# Fetches one page: (offset, limit) → AuditPage. Runs on the database thread.
PageFetcher = Callable[[int, int], AuditPage]

_Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("AuditModel", text)


def needs_review(event: AuditEventView) -> bool:
    return event.flag is not None and event.review is None


def reviewed_text(event: AuditEventView) -> str:
    """'✓ 2026-11-23 Chef Chefsdotter' for a reviewed event, '' otherwise."""
    if event.review is None:
        return ""
    day = datetime_text(event.review.reviewed_utc)[:10]
    return f"✓ {day} {event.review.reviewer}".rstrip()


def reviewed_tooltip(event: AuditEventView) -> str:
    review = event.review
    if review is None:
        return ""
    return tr("Granskad {0} av {1}.\nKommentar: {2}").format(
        datetime_text(review.reviewed_utc), review.reviewer, review.comment
    )


def user_text(event: AuditEventView) -> str:
    return event.user_name or tr("(okänd användare)")


def full_text(event: AuditEventView) -> str:
    """The whole event in a few lines, for the pane under the table (cells are cut short)."""
    first = [datetime_text(event.ts_utc), user_text(event), event.action_label]
    if event.case_label:
        first.append(event.case_label)
    lines = [" · ".join(first)]
    if event.detail:
        lines.append(tr("Detalj: {0}").format(event.detail))
    if event.reason:
        lines.append(tr("Skäl: {0}").format(event.reason))
    if event.flag is not None:
        review = event.review
        if review is None:
            lines.append(tr("Flaggad: {0} · inte granskad").format(event.flag_label))
        else:
            lines.append(
                tr("Flaggad: {0} · granskad {1} av {2}: {3}").format(
                    event.flag_label,
                    datetime_text(review.reviewed_utc),
                    review.reviewer,
                    review.comment,
                )
            )
    elif event.review is not None:
        lines.append(reviewed_tooltip(event).replace("\n", " "))
    return "\n".join(lines)


def count_text(total: int, flagged_unreviewed: int, *, with_flags: bool = True) -> str:
    """'123 händelser, 7 flaggade att granska'."""
    text = by_count(total, tr("1 händelse"), tr("{0} händelser"))
    if with_flags and flagged_unreviewed:
        text += by_count(
            flagged_unreviewed, tr(", 1 flaggad att granska"), tr(", {0} flaggade att granska")
        )
    elif with_flags and total:
        text += tr(", inga flaggade att granska")
    return text


class AuditEventModel(QAbstractTableModel):
    """Events for the current source (filter), in the order the service gives them."""

    loaded = Signal()  # a page arrived (the first one after a reset, or a later one)
    failed = Signal(str)

    def __init__(
        self,
        runner: OperationRunner,
        parent_widget: QWidget,
        *,
        highlight_unreviewed: bool = True,
    ) -> None:
        super().__init__(parent_widget)
        self._runner = runner
        self._widget = parent_widget
        self._highlight = highlight_unreviewed
        self._fetcher: PageFetcher | None = None
        self._pageable = True
        self._events: list[AuditEventView] = []
        self._total = 0
        self._flagged_unreviewed = 0
        self._next_offset = 0  # where the next page starts in the service's order
        self._generation = 0
        self._fetching = False
        self._reset_done = False
        self._headers = {
            COL_TIME: tr("Tid"),
            COL_USER: tr("Användare"),
            COL_EVENT: tr("Händelse"),
            COL_CASE: tr("Ärende"),
            COL_DETAIL: tr("Detalj"),
            COL_REASON: tr("Skäl"),
            COL_FLAG: tr("Flagga"),
            COL_REVIEWED: tr("Granskad"),
        }

    # -- Qt model --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers.get(section)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        event = self.event_at(index.row()) if index.isValid() else None
        if event is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(event, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_REVIEWED:
                return reviewed_tooltip(event) or None
            if column == COL_TIME:
                return datetime_text(event.ts_utc) + tr(" (loggpost {0})").format(event.seq)
            return self._text(event, column) or None
        if role == Qt.ItemDataRole.BackgroundRole and self._highlight and needs_review(event):
            return NEEDS_REVIEW_FLAG if column == COL_FLAG else NEEDS_REVIEW_ROW
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_FLAG and event.flag is not None:
                return FLAG_TEXT if needs_review(event) or not self._highlight else MUTED_TEXT
            if column == COL_REVIEWED:
                return REVIEWED_TEXT
            if column == COL_USER and not event.user_name:
                return MUTED_TEXT
        if role == EVENT_ROLE:
            return event
        if role == SEQ_ROLE:
            return event.seq
        if role == NEEDS_REVIEW_ROLE:
            return needs_review(event)
        return None

    @staticmethod
    def _text(event: AuditEventView, column: int) -> str:
        if column == COL_TIME:
            return datetime_text(event.ts_utc)
        if column == COL_USER:
            return user_text(event)
        if column == COL_EVENT:
            return event.action_label
        if column == COL_CASE:
            return event.case_label
        if column == COL_DETAIL:
            return event.detail
        if column == COL_REASON:
            return event.reason
        if column == COL_FLAG:
            return event.flag_label
        if column == COL_REVIEWED:
            return reviewed_text(event)
        return ""

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not self._reset_done or not self._pageable:
            return False
        return not self._fetching and self._next_offset < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch(self._next_offset)

    # -- state -----------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def flagged_unreviewed(self) -> int:
        return self._flagged_unreviewed

    @property
    def loading(self) -> bool:
        return self._fetching

    @property
    def pageable(self) -> bool:
        return self._pageable

    @property
    def has_loaded(self) -> bool:
        return self._reset_done

    def event_at(self, row: int) -> AuditEventView | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def row_of(self, seq: int) -> int:
        return next((i for i, e in enumerate(self._events) if e.seq == seq), -1)

    # -- loading ---------------------------------------------------------------------------

    def set_source(self, fetcher: PageFetcher, *, pageable: bool = True) -> None:
        """Show what `fetcher` gives (a new filter), starting from the first page."""
        self._fetcher = fetcher
        self._pageable = pageable
        self.reload()

    def reload(self) -> None:
        """Start again from the first page (after a change)."""
        if self._fetcher is None:
            return
        self._generation += 1
        self._fetching = False
        self._fetch(0)

    def clear(self) -> None:
        """Show nothing (and forget the source) until `set_source` is called again."""
        self._generation += 1
        self._fetcher = None
        self._fetching = False
        self.beginResetModel()
        self._events = []
        self._total = 0
        self._flagged_unreviewed = 0
        self._next_offset = 0
        self.endResetModel()
        self.loaded.emit()

    def _fetch(self, offset: int) -> None:
        fetcher = self._fetcher
        if fetcher is None:
            return
        generation = self._generation
        self._fetching = True
        self._runner.run(
            lambda: fetcher(offset, PAGE_SIZE),
            parent=self._widget,
            success=lambda page: self._arrived(generation, offset, page),
            failure=lambda message: self._fetch_failed(generation, message),
        )

    def _fetch_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._fetching = False
            self.failed.emit(message)

    def _arrived(self, generation: int, offset: int, page: AuditPage) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._total = page.total
        self._flagged_unreviewed = page.flagged_unreviewed
        self._next_offset = offset + len(page.events) if page.events else page.total
        if offset == 0:
            self.beginResetModel()
            self._events = list(page.events)
            self._reset_done = True
            self.endResetModel()
        else:
            known = {e.seq for e in self._events}  # new events may have shifted the pages
            fresh = [e for e in page.events if e.seq not in known]
            if fresh:
                first = len(self._events)
                self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
                self._events.extend(fresh)
                self.endInsertRows()
        self.loaded.emit()
