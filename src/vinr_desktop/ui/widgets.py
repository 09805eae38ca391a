"""Small building blocks shared by the screens: headings, error lines, password fields."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.passwords import strength_hint


def tr(text: str) -> str:
    return QCoreApplication.translate("Widgets", text)


def styled_label(text: str = "", role: str = "", *, wrap: bool = True) -> QLabel:
    """A label with a named look from style.py ('h1', 'h2', 'muted', 'error', 'notice'...)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names must never be read as markup
    if role:
        label.setProperty("role", role)
    label.setWordWrap(wrap)
    return label


def heading(text: str, level: int = 1) -> QLabel:
    return styled_label(text, f"h{level}")


class ErrorLabel(QLabel):
    """A red line under a form; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))

    def clear_message(self) -> None:
        self.show_message("")


def primary_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setProperty("primary", True)
    button.setDefault(True)
    return button


def link_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setProperty("link", True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setAutoDefault(False)
    button.setFlat(True)
    return button


def password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    # No copy out of a password field, and no input-method prediction of it.
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    edit.setInputMethodHints(
        Qt.InputMethodHint.ImhHiddenText
        | Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
    )
    return edit


class NewPasswordFields(QWidget):
    """New password, repeat and a live hint about its length (the rules live in domain/)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.password = password_edit(tr("Minst 12 tecken, gärna flera ord"))
        self.repeat = password_edit()
        self.hint = styled_label("", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr("Nytt lösenord")))
        layout.addWidget(self.password)
        layout.addWidget(self.hint)
        layout.addWidget(QLabel(tr("Upprepa det nya lösenordet")))
        layout.addWidget(self.repeat)
        self.password.textChanged.connect(self._update_hint)
        self.password.textChanged.connect(self.changed)
        self.repeat.textChanged.connect(self.changed)
        self._update_hint("")

    def _update_hint(self, text: str) -> None:
        self.hint.setText(
            strength_hint(text) or tr("Minst 12 tecken. Långt är bättre än krångligt.")
        )

    def values(self) -> tuple[str, str]:
        return self.password.text(), self.repeat.text()

    def clear(self) -> None:
        self.password.clear()
        self.repeat.clear()


class DemoBanner(QFrame):
    """The orange strip that says the data are fictional."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DemoBanner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        label = QLabel(tr("DEMO – fiktiva uppgifter"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)


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


def centered(widget: QWidget, max_width: int = 560) -> QWidget:
    """`widget` in the middle of an otherwise empty page, at most `max_width` wide."""
    widget.setMaximumWidth(max_width)
    page = QWidget()
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget, 10)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return page
