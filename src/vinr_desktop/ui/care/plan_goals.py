"""The goals of a vårdplan as editable rows: the goal and how it will be seen that it is reached.

Rows are added, removed and moved up or down with buttons (all reachable by Tab), or with
Ctrl+Shift+Up/Down and Ctrl+Shift+Delete while a row's text has focus.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.care_plans import MAX_GOALS, GoalDraft
from vinr_desktop.ui.care.widgets import field_title


def tr(text: str) -> str:
    return QCoreApplication.translate("CarePlanGoals", text)


def _small_edit(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(58)
    return edit


class GoalRow(QFrame):
    """One goal: number, the two texts, and ↑ ↓ ✕."""

    move_requested = Signal(object, int)  # the row, -1 or +1
    remove_requested = Signal(object)
    changed = Signal()

    def __init__(self, goal: GoalDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = QLabel()
        self.number.setMinimumWidth(22)
        self.number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        self.text = _small_edit(tr("Målet, i klientens ord när det går"))
        self.indicator = _small_edit(tr("Hur det syns att målet är nått"))
        self.text.setPlainText(goal.text)
        self.indicator.setPlainText(goal.indicator)
        self.up_button = QPushButton("↑")
        self.down_button = QPushButton("↓")
        self.remove_button = QPushButton("✕")
        self.up_button.setToolTip(tr("Flytta upp (Ctrl+Skift+Upp)"))
        self.down_button.setToolTip(tr("Flytta ned (Ctrl+Skift+Ned)"))
        self.remove_button.setToolTip(tr("Ta bort målet (Ctrl+Skift+Delete)"))
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setAutoDefault(False)
            button.setProperty("compact", True)  # a symbol: little padding
            button.setFixedWidth(34)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setHorizontalSpacing(8)
        layout.addWidget(self.number, 0, 0)
        layout.addWidget(self.text, 0, 1)
        layout.addWidget(self.indicator, 0, 2)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        layout.addLayout(buttons, 0, 3, Qt.AlignmentFlag.AlignTop)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(2, 1)
        self.up_button.clicked.connect(lambda: self.move_requested.emit(self, -1))
        self.down_button.clicked.connect(lambda: self.move_requested.emit(self, 1))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.text.textChanged.connect(self.changed)
        self.indicator.textChanged.connect(self.changed)
        for keys, slot in (
            ("Ctrl+Shift+Up", lambda: self.move_requested.emit(self, -1)),
            ("Ctrl+Shift+Down", lambda: self.move_requested.emit(self, 1)),
            ("Ctrl+Shift+Delete", lambda: self.remove_requested.emit(self)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def value(self) -> GoalDraft:
        return GoalDraft(self.text.toPlainText(), self.indicator.toPlainText())

    def set_read_only(self, read_only: bool) -> None:
        self.text.setReadOnly(read_only)
        self.indicator.setReadOnly(read_only)
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setVisible(not read_only)


class GoalsEditor(QWidget):
    """The list of goal rows and "Lägg till mål"."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[GoalRow] = []
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(4)
        self.add_button = QPushButton(tr("+ Lägg till mål"))
        self.add_button.setAutoDefault(False)
        titles = QHBoxLayout()
        titles.addSpacing(30)
        titles.addWidget(field_title(tr("Mål")), 1)
        titles.addWidget(field_title(tr("Så syns det att målet är nått")), 1)
        titles.addSpacing(110)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(titles)
        layout.addLayout(self._rows_box)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)
        self.add_button.clicked.connect(self.add_goal)

    def set_goals(self, goals: tuple[GoalDraft, ...]) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        for goal in goals or (GoalDraft("", ""),):
            self._append(goal)
        self._renumber()

    def goals(self) -> tuple[GoalDraft, ...]:
        return tuple(row.value() for row in self.rows)

    def _append(self, goal: GoalDraft) -> GoalRow:
        row = GoalRow(goal)
        row.move_requested.connect(self.move_row)
        row.remove_requested.connect(self.remove)
        row.changed.connect(self.changed)
        self.rows.append(row)
        self._rows_box.addWidget(row)
        return row

    def add_goal(self) -> None:
        if len(self.rows) >= MAX_GOALS:
            return
        row = self._append(GoalDraft("", ""))
        self._renumber()
        row.text.setFocus()
        self.changed.emit()

    def remove(self, row: GoalRow) -> None:
        if row not in self.rows:
            return
        index = self.rows.index(row)
        self.rows.remove(row)
        self._rows_box.removeWidget(row)
        row.setParent(None)
        row.deleteLater()
        if not self.rows:
            self._append(GoalDraft("", ""))
        self._renumber()
        self.rows[min(index, len(self.rows) - 1)].text.setFocus()
        self.changed.emit()

    def move_row(self, row: GoalRow, step: int) -> None:
        index = self.rows.index(row)
        target = index + step
        if not 0 <= target < len(self.rows):
            return
        self.rows[index], self.rows[target] = self.rows[target], self.rows[index]
        self._rows_box.removeWidget(row)
        self._rows_box.insertWidget(target, row)
        self._renumber()
        row.text.setFocus()
        self.changed.emit()

    def _renumber(self) -> None:
        for number, row in enumerate(self.rows, 1):
            row.number.setText(f"{number}.")
            row.up_button.setEnabled(number > 1)
            row.down_button.setEnabled(number < len(self.rows))
            row.remove_button.setEnabled(len(self.rows) > 1 or bool(row.value().text))
        self.add_button.setEnabled(len(self.rows) < MAX_GOALS)
        # Tab order follows the numbering after a move.
        previous: QWidget | None = None
        for row in self.rows:
            for widget in (
                row.text,
                row.indicator,
                row.up_button,
                row.down_button,
                row.remove_button,
            ):
                if previous is not None:
                    QWidget.setTabOrder(previous, widget)
                previous = widget
        if previous is not None:
            QWidget.setTabOrder(previous, self.add_button)

    def set_read_only(self, read_only: bool) -> None:
        for row in self.rows:
            row.set_read_only(read_only)
        self.add_button.setVisible(not read_only)
