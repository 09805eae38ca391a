"""Small building blocks shared by the screens: labels, headings, error lines, buttons, a
password field, forms, cards. Layouts that wrap or scroll are layouts.py; new-password fields
password_fields.py; a yes/cancel question and where save dialogs open dialogs.py.

The login window is built from these, so they never touch PySide's `Qt` namespace: PySide
creates it, hundreds of enums, on its first use — about 15 ms of a 2-core laptop's cold start,
a third of what the program may add to a bare window (startup_ratio). Enum properties are set
by their C++ key names instead (`set_keys`), and the hand cursor of a link is set when the
mouse first comes over it. tests/ui/test_cold_start.py holds the login window to this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QEnterEvent


def tr(text: str) -> str:
    return QCoreApplication.translate("Widgets", text)


def set_keys(target: QObject, name: str, keys: str) -> None:
    """Set the enum or flag property `name` from its key names, as in Qt's C++ documentation
    ("AlignLeft|AlignTop"), without PySide's `Qt` namespace."""
    if not target.setProperty(name, keys):
        raise ValueError(f"{type(target).__name__}.{name} does not take {keys!r}")


def styled_label(text: str = "", role: str = "", *, wrap: bool = True) -> QLabel:
    """A label with a named look from style.py ('h1', 'h2', 'muted', 'error', 'notice'...)."""
    label = QLabel(text)
    set_keys(label, "textFormat", "PlainText")  # names must never be read as markup
    if role:
        label.setProperty("role", role)
    label.setWordWrap(wrap)
    return label


def heading(text: str, level: int = 1) -> QLabel:
    return styled_label(text, f"h{level}")


class ErrorLabel(QLabel):
    """A red line under a form; hidden while empty.

    With `reserve_lines`, it keeps the room for that many lines while empty instead, so the
    buttons under it do not jump when a message appears (the setup wizard).
    """

    def __init__(self, parent: QWidget | None = None, *, reserve_lines: int = 0) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        set_keys(self, "textInteractionFlags", "TextSelectableByMouse")
        set_keys(self, "alignment", "AlignLeft|AlignTop")
        self._reserve = reserve_lines
        if reserve_lines:
            self.ensurePolished()  # the error style's bold font sets the line height
            metrics = self.fontMetrics()
            self.setMinimumHeight(metrics.height() + metrics.lineSpacing() * (reserve_lines - 1))
        else:
            self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message) or self._reserve > 0)

    def clear_message(self) -> None:
        self.show_message("")


def primary_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setProperty("primary", True)
    button.setDefault(True)
    return button


class HandButton(QPushButton):
    """A push button showing the pointing hand; the cursor is set when the mouse first comes
    over it (see the module's note)."""

    def enterEvent(self, event: QEnterEvent) -> None:
        self.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        super().enterEvent(event)


def link_button(text: str) -> QPushButton:
    button = HandButton(text)
    button.setProperty("link", True)
    button.setAutoDefault(False)
    button.setFlat(True)
    return button


def password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    # No copy out of a password field, and no input-method prediction of it.
    set_keys(edit, "contextMenuPolicy", "NoContextMenu")
    set_keys(edit, "inputMethodHints", "ImhHiddenText|ImhSensitiveData|ImhNoPredictiveText")
    return edit


def form_layout() -> QFormLayout:
    """A form with labels on the left, vertically centred on their fields."""
    form = QFormLayout()
    set_keys(form, "labelAlignment", "AlignLeft|AlignVCenter")
    set_keys(form, "formAlignment", "AlignLeft|AlignTop")
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(8)
    return form


class DemoBanner(QFrame):
    """The orange strip that says the data are fictional."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DemoBanner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        label = QLabel(tr("DEMO – fiktiva uppgifter"))
        set_keys(label, "alignment", "AlignCenter")
        layout.addWidget(label)


class Notice(QFrame):
    """A yellow line with something the user should know, and a button to dismiss it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Notice")
        self.label = styled_label("")
        self.close_button = HandButton("✕")
        self.close_button.setObjectName("NoticeClose")
        self.close_button.setToolTip(tr("Dölj"))
        self.close_button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.close_button.clicked.connect(self.hide)

    def show_message(self, message: str) -> None:
        self.label.setText(message)
        self.setVisible(bool(message))

    def text(self) -> str:
        return self.label.text()


def card(*widgets: QWidget, margins: int = 24, spacing: int = 10) -> QFrame:
    """A white panel with a thin border holding `widgets` top to bottom."""
    frame = QFrame()
    frame.setObjectName("Card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(margins, margins, margins, margins)
    layout.setSpacing(spacing)
    for widget in widgets:
        layout.addWidget(widget)
    return frame


def centered(widget: QWidget, max_width: int = 560, *, top: int | None = None) -> QWidget:
    """`widget` in the middle of an otherwise empty page, at most `max_width` wide.

    With `top`, it sits that many pixels from the top instead, so a widget that changes height
    (the wizard's steps) does not jump up and down.
    """
    widget.setMaximumWidth(max_width)
    page = QWidget()
    outer = QVBoxLayout(page)
    if top is None:
        outer.addStretch(1)
    else:
        outer.addSpacing(top)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget, 10)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return page
