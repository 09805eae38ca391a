"""Small widgets the care screens share: an optional date, a due-date chip that turns red when
overdue, a section frame, and the "what changed" key the care views listen for.

Nothing here touches a service; the screens (Insatser tab, decision, vårdplan, genomförandeplan,
uppföljning) build on these so they look alike.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.ui.common.widgets import heading

# What the care operations change; the Insatser tab and the case overview reload on it.
CARE_CHANGES = frozenset({"care", "journal"})

CARE_STYLE = """
QFrame#CareSection { background: #ffffff; border: 1px solid #c8d0da; border-radius: 6px; }
QLabel#DueChip {
    background: #e6eef6; color: #1f2933; border: 1px solid #c3d3e4; border-radius: 9px;
    padding: 2px 9px;
}
QLabel#DueChip[state="overdue"] {
    background: #fbe9e7; color: #b3261e; border: 1px solid #e7b6b0; font-weight: 700;
}
QLabel#DueChip[state="ok"] { background: #e8f3ec; color: #1e5631; border: 1px solid #a9cdb5; }
QLabel#DueChip[state="neutral"] { background: #eceff3; color: #52606d; border-color: #c8d0da; }
QLabel#CheckLine { padding: 1px 0px; }
QLabel#CheckLine[ok="false"] { color: #b3261e; font-weight: 600; }
QLabel#CheckLine[ok="true"] { color: #1e5631; }
QLabel#FieldTitle { color: #52606d; font-weight: 600; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("CareWidgets", text)


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def parse_day(text: str) -> date | None:
    """An ISO date from a view, or None for ""."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def plain_date_edit(value: date) -> QDateEdit:
    edit = QDateEdit(qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return edit


class OptionalDate(QWidget):
    """A date that may be left out: a check box ("Datum" / "Tills vidare") and the date."""

    changed = Signal()

    def __init__(
        self, value: date | None, default: date, check_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.check = QCheckBox(check_text)
        self.edit = plain_date_edit(value or default)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.check)
        layout.addStretch(1)
        self.set_value(value)
        self.check.toggled.connect(self._toggled)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())

    def _toggled(self, _on: bool) -> None:
        self.edit.setEnabled(not self.check.isChecked())
        self.changed.emit()

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.setDate(qdate(value))

    def value(self) -> date | None:
        return None if self.check.isChecked() else pydate(self.edit.date())

    def set_read_only(self, read_only: bool) -> None:
        self.check.setEnabled(not read_only)
        self.edit.setReadOnly(read_only)


class DueChip(QLabel):
    """A date with a state: 'overdue' (red, bold), 'ok' (green), 'neutral' (grey)."""

    def __init__(self, text: str = "", state: str = "neutral", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("DueChip")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.set(text, state)

    def set(self, text: str, state: str) -> None:
        self.setText(text)
        self.setProperty("state", state)
        self.setVisible(bool(text))
        self.style().unpolish(self)
        self.style().polish(self)

    @property
    def overdue(self) -> bool:
        return bool(self.property("state") == "overdue")


def care_section(title: str) -> tuple[QFrame, QVBoxLayout]:
    """A white panel with a heading (level 3) and its layout."""
    frame = QFrame()
    frame.setObjectName("CareSection")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 10, 14, 12)
    layout.setSpacing(6)
    layout.addWidget(heading(title, 3))
    return frame, layout


def field_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("FieldTitle")
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def check_line(text: str, ok: bool) -> QLabel:
    """One egenkontroll line: ✓ green or ! red."""
    label = QLabel(("✓ " if ok else "! ") + text)
    label.setObjectName("CheckLine")
    label.setProperty("ok", "true" if ok else "false")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label
