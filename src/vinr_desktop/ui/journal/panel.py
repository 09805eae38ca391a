"""The Journal tab: filters, the timeline as cards, and the buttons that write in it.

Each entry is painted as a card by `EntryDelegate`: event date, kind and source on top; author,
written and signed time under it; a note line (UTKAST, "Rättad — se rättelse", or what a
correction corrects and why); then the text, struck through when the entry was corrected.
Entries the program wrote (status changes, markers) are drawn smaller and grey.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.journal import KIND_LABELS, EntryKind
from vinr_desktop.domain.plurals import by_count
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.journal.journal import Author
from vinr_desktop.ui.common.forms import date_edit, date_of
from vinr_desktop.ui.common.layouts import FlowLayout
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, primary_button, styled_label
from vinr_desktop.ui.journal.assessment_mark import AssessmentMarks
from vinr_desktop.ui.journal.correction_dialog import CorrectionDialog
from vinr_desktop.ui.journal.editor import JournalEditor
from vinr_desktop.ui.journal.model import (
    ENTRY_ROLE,
    HEADER_ROLE,
    META_ROLE,
    NOTE_ROLE,
    JournalModel,
)
from vinr_desktop.ui.journal.objection_dialog import ObjectionDialog
from vinr_desktop.views.cases import JournalEntryView, TimelineFilter

NEW_ENTRY_SHORTCUT = "Ctrl+J"
PAD = 10
GAP = 6

_Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("JournalView", text)


class EntryDelegate(QStyledItemDelegate):
    """Paints one journal entry as a card and says how tall it is at the view's width."""

    def _fonts(self, option: QStyleOptionViewItem, event: bool) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        if event:
            base.setPointSizeF(base.pointSizeF() * 0.92)
        header = QFont(base)
        header.setBold(not event)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.9)
        return header, small, base

    def _lines(self, index: _Index) -> tuple[JournalEntryView, str, str, str]:
        entry: JournalEntryView = index.data(ENTRY_ROLE)
        return entry, index.data(HEADER_ROLE), index.data(META_ROLE), index.data(NOTE_ROLE)

    def _text_height(self, font: QFont, width: int, text: str) -> int:
        if not text:
            return 0
        flags = int(Qt.TextFlag.TextWordWrap)
        return QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), flags, text).height()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        entry, _header, _meta, note = self._lines(index)
        event = entry.kind is EntryKind.EVENT
        header_font, small, body = self._fonts(option, event)
        width = max(200, option.rect.width() - 2 * PAD - 8)
        height = PAD + QFontMetrics(header_font).height() + QFontMetrics(small).height()
        if note:
            height += GAP + self._text_height(small, width, note)
        height += GAP + self._text_height(body, width, entry.text) + PAD + GAP
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        entry, header, meta, note = self._lines(index)
        event = entry.kind is EntryKind.EVENT
        header_font, small, body = self._fonts(option, event)
        rect: QRect = option.rect.adjusted(2, GAP // 2, -2, -GAP // 2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if entry.is_draft:
            fill, border = QColor("#fff8e1"), QColor("#e0b040")
        elif event:
            fill, border = QColor("#f3f5f8"), QColor("#dde3ea")
        else:
            fill, border = QColor("#ffffff"), QColor("#c8d0da")
        if selected:
            border = QColor("#2f5d8a")
        painter.setPen(QPen(border, 2 if selected or focused else 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 5, 5)
        if not event and not entry.is_draft:
            painter.fillRect(QRect(rect.left(), rect.top() + 4, 4, rect.height() - 8), border)
        text_colour = QColor("#52606d") if event else QColor("#1f2933")
        muted = QColor("#52606d")
        inner = rect.adjusted(PAD + 4, PAD, -PAD, -PAD)
        width = inner.width()
        y = inner.top()
        flags = int(Qt.TextFlag.TextWordWrap)

        painter.setFont(header_font)
        painter.setPen(text_colour)
        line = QFontMetrics(header_font).height()
        painter.drawText(QRect(inner.left(), y, width, line), 0, header)
        y += line
        painter.setFont(small)
        painter.setPen(muted)
        line = QFontMetrics(small).height()
        painter.drawText(QRect(inner.left(), y, width, line), 0, meta)
        y += line
        if note:
            y += GAP
            height = self._text_height(small, width, note)
            bold = QFont(small)
            bold.setBold(True)
            painter.setFont(bold)
            colour = "#8a5a00" if entry.is_draft else "#b3261e"
            if entry.corrects_id is not None and entry.corrected_by_id is None:
                colour = "#1e6b3a"
            painter.setPen(QColor(colour))
            painter.drawText(QRect(inner.left(), y, width, height + 4), flags, note)
            y += height
        y += GAP
        text_font = QFont(body)
        text_font.setStrikeOut(entry.corrected_by_id is not None)
        painter.setFont(text_font)
        painter.setPen(muted if entry.corrected_by_id is not None else text_colour)
        height = self._text_height(body, width, entry.text)
        painter.drawText(QRect(inner.left(), y, width, height + 4), flags, entry.text)
        painter.restore()


class JournalPanel(QWidget):
    """Filters, timeline and the journal's buttons for one case."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services, self._runner, self._case_id, self._today = services, runner, case_id, today
        self._writable = False
        self._pending_entry: int | None = None
        self._keep_selection: int | None = None
        self.editor: JournalEditor | None = None

        self.model = JournalModel(services.journal, runner, case_id, self)
        self.list_view = QListView()
        self.list_view.setObjectName("Timeline")
        self.list_view.setModel(self.model)
        self.list_view.setItemDelegate(EntryDelegate(self.list_view))
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.list_view.setUniformItemSizes(False)
        self.list_view.setWordWrap(True)
        self.list_view.setSpacing(0)
        self.list_view.setAccessibleName(tr("Journal"))
        self.list_view.setStyleSheet(
            "QListView#Timeline { background: #f5f6f8; border: none; padding: 4px; }"
        )

        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(tr("Typ"))
        self.kind_filter.addItem(tr("Alla typer"), "")
        for kind, label in KIND_LABELS.items():
            self.kind_filter.addItem(label, kind.value)
        self.author_filter = QComboBox()
        self.author_filter.setAccessibleName(tr("Skriven av"))
        self.author_filter.addItem(tr("Alla skribenter"), "")
        self.period = QCheckBox(tr("Period"))
        self.date_from = date_edit(today.replace(day=1), today)
        self.date_to = date_edit(today, today)
        self.date_from.setAccessibleName(tr("Från"))
        self.date_to.setAccessibleName(tr("Till"))
        self._period_changed()
        self.count_label = styled_label("", "muted", wrap=False)

        self.new_button = primary_button(tr("Ny anteckning"))
        self.new_button.setAutoDefault(False)
        self.new_button.setDefault(False)
        self.new_button.setToolTip(tr("Ny anteckning ({0})").format(NEW_ENTRY_SHORTCUT))
        self.continue_button = QPushButton(tr("Fortsätt utkast"))
        self.correct_button = QPushButton(tr("Rätta…"))
        self.objection_button = QPushButton(tr("Klientens invändning…"))
        self.objection_button.setToolTip(
            tr("Klienten säger att anteckningen är fel: anteckna hens synpunkt intill den")
        )
        for button in (self.continue_button, self.correct_button, self.objection_button):
            button.setAutoDefault(False)
        self.error = ErrorLabel()
        self.marks = AssessmentMarks(services, runner, case_id, self)  # K3: right-click menu
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        # The filters wrap onto a second line in a narrow window instead of cutting the names.
        self.author_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filters = FlowLayout(spacing=6)
        period = QWidget()
        period_row = QHBoxLayout(period)
        period_row.setContentsMargins(8, 0, 0, 0)
        period_row.setSpacing(6)
        for widget in (self.period, self.date_from, styled_label("–", wrap=False), self.date_to):
            period_row.addWidget(widget)
        filters.add(self.kind_filter)
        filters.add(self.author_filter)
        filters.add(period)
        filters.add(self.count_label, trailing=True)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addWidget(self.continue_button)
        actions.addWidget(self.correct_button)
        actions.addWidget(self.objection_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(self.error)
        layout.addWidget(self.list_view, 1)

        self.kind_filter.currentIndexChanged.connect(self.apply_filter)
        self.author_filter.currentIndexChanged.connect(self.apply_filter)
        self.period.toggled.connect(self._period_changed)
        self.period.toggled.connect(self.apply_filter)
        self.date_from.dateChanged.connect(self.apply_filter)
        self.date_to.dateChanged.connect(self.apply_filter)
        self.new_button.clicked.connect(self.new_entry)
        self.continue_button.clicked.connect(self.continue_draft)
        self.correct_button.clicked.connect(self.correct_selected)
        self.objection_button.clicked.connect(self.object_to_selected)
        self.list_view.activated.connect(self._activated)
        self.list_view.customContextMenuRequested.connect(self._context_menu)
        self.marks.failed.connect(self.error.show_message)
        self.list_view.selectionModel().currentChanged.connect(self._update_buttons)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self.error.show_message)
        self.model.modelReset.connect(self._update_buttons)
        QShortcut(QKeySequence(NEW_ENTRY_SHORTCUT), self).activated.connect(self.new_entry)
        self._update_buttons()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Reload the entries (keeping the selection) and the author filter."""
        current = self.selected_entry()
        self._keep_selection = current.entry_id if current is not None else None
        self.model.reload()
        self.marks.refresh()
        journal, case_id = self._services.journal, self._case_id
        self._runner.run(lambda: journal.authors(case_id), parent=self, success=self._show_authors)

    def _show_authors(self, authors: list[Author]) -> None:
        chosen = self.author_filter.currentData()
        self.author_filter.blockSignals(True)
        self.author_filter.clear()
        self.author_filter.addItem(tr("Alla skribenter"), "")
        for author in authors:
            self.author_filter.addItem(author.name, author.user_id)
        self.author_filter.setCurrentIndex(max(0, self.author_filter.findData(chosen)))
        self.author_filter.blockSignals(False)

    def _loaded(self) -> None:
        total = self.model.total
        self.count_label.setText(by_count(total, tr("1 anteckning"), tr("{0} anteckningar")))
        wanted = self._pending_entry or self._keep_selection
        if wanted is not None:
            row = self.model.row_of(wanted)
            if row >= 0:
                self._select_row(row)
                self._pending_entry = self._keep_selection = None
            elif self._pending_entry is not None and self.model.canFetchMore():
                self.model.fetchMore()
        self._update_buttons()

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.list_view.setCurrentIndex(index)
        self.list_view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)

    def show_entry(self, entry_id: int) -> None:
        """Select and scroll to an entry; if it is not loaded yet, once it is."""
        row = self.model.row_of(entry_id)
        if row >= 0:
            self._select_row(row)
        else:
            self._pending_entry = entry_id
            if self.model.canFetchMore():
                self.model.fetchMore()

    def apply_filter(self) -> None:
        kind = str(self.kind_filter.currentData() or "")
        author = str(self.author_filter.currentData() or "")
        period = self.period.isChecked()
        self.model.set_filter(
            TimelineFilter(
                kinds=frozenset({EntryKind(kind)}) if kind else frozenset(),
                date_from=date_of(self.date_from) if period else None,
                date_to=date_of(self.date_to) if period else None,
                author_id=author or None,
            )
        )

    def _period_changed(self) -> None:
        on = self.period.isChecked()
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)

    def set_period(self, start: date, end: date) -> None:
        self.date_from.setDate(QDate(start.year, start.month, start.day))
        self.date_to.setDate(QDate(end.year, end.month, end.day))
        self.period.setChecked(True)

    # -- actions ---------------------------------------------------------------------------

    def set_writable(self, writable: bool) -> None:
        self._writable = writable
        self._update_buttons()

    def selected_entry(self) -> JournalEntryView | None:
        return self.model.row_at(self.list_view.currentIndex().row())

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        self.new_button.setEnabled(self._writable)
        self.continue_button.setEnabled(
            self._writable and entry is not None and entry.is_draft and entry.own
        )
        self.correct_button.setEnabled(
            self._writable
            and entry is not None
            and not entry.is_draft
            and entry.corrected_by_id is None
            and entry.kind is not EntryKind.EVENT
        )
        self.objection_button.setEnabled(
            self._writable
            and entry is not None
            and not entry.is_draft
            and entry.kind is not EntryKind.EVENT
            and entry.objects_to_id is None
        )

    def _context_menu(self, pos: QPoint) -> None:
        entry = self.model.row_at(self.list_view.indexAt(pos).row())
        action = self.marks.action_for(entry, self._writable)
        if action is not None:
            menu = QMenu(self)
            menu.addAction(action)
            menu.popup(self.list_view.viewport().mapToGlobal(pos))

    def _activated(self, index: QModelIndex) -> None:
        entry = self.model.row_at(index.row())
        if entry is not None and entry.is_draft and entry.own and self._writable:
            self.continue_draft()

    def _open_editor(self, draft: JournalEntryView | None) -> None:
        if self.editor is not None:
            self.editor.raise_()
            self.editor.activateWindow()
            return
        editor = JournalEditor(
            self._services.journal, self._runner, self._case_id, self._today, draft, self
        )
        editor.signed.connect(self._pending_show)
        editor.finished.connect(self._editor_closed)
        self.editor = editor
        editor.open()

    def _editor_closed(self) -> None:
        self.editor = None

    def _pending_show(self, entry_id: int) -> None:
        self._pending_entry = entry_id

    def new_entry(self) -> None:
        if self._writable:
            self._open_editor(None)

    def reopen(self, entry_id: int | None) -> None:
        """Open the editor again on one of the user's drafts (after an unlock); without an id,
        on a new entry (the editor was open but nothing had been saved)."""
        if not self._writable:
            return
        if entry_id is None:
            self._open_editor(None)
            return
        journal, case_id = self._services.journal, self._case_id
        self._runner.run(
            lambda: journal.entry(case_id, entry_id),
            parent=self,
            success=self._reopen_draft,
            failure=self.error.show_message,
        )

    def _reopen_draft(self, entry: JournalEntryView) -> None:
        if entry.is_draft and entry.own and self._writable:
            self._open_editor(entry)

    def continue_draft(self) -> None:
        entry = self.selected_entry()
        if entry is not None and entry.is_draft and entry.own and self._writable:
            self._open_editor(entry)

    def correct_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or not self.correct_button.isEnabled():
            return
        dialog = CorrectionDialog(
            self._services, self._runner, self._case_id, entry, self._today, self
        )
        dialog.succeeded.connect(self._pending_show)
        dialog.open()

    def object_to_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or not self.objection_button.isEnabled():
            return
        dialog = ObjectionDialog(
            self._services, self._runner, self._case_id, entry, self._today, self
        )
        dialog.succeeded.connect(self._pending_show)
        dialog.open()
