"""Small building blocks shared by the screens: labels, headings, error lines, buttons, a
password field, forms, cards. Layouts that wrap or scroll are layouts.py; new-password fields
password_fields.py; a yes/cancel question and where save dialogs open dialogs.py.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
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
    """A red line under a form; hidden while empty.

    With `reserve_lines`, it keeps the room for that many lines while empty instead, so the
    buttons under it do not jump when a message appears (the setup wizard).
    """

    def __init__(self, parent: QWidget | None = None, *, reserve_lines: int = 0) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
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


def form_layout() -> QFormLayout:
    """A form with labels on the left, vertically centred on their fields."""
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
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
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)


class Notice(QFrame):
    """A yellow line with something the user should know, and a button to dismiss it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Notice")
        self.label = styled_label("")
        self.close_button = QPushButton("✕")
        self.close_button.setObjectName("NoticeClose")
        self.close_button.setToolTip(tr("Dölj"))
        self.close_button.setAutoDefault(False)
        self.close_button.setCursor(Qt.CursorShape.PointingHandCursor)
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
