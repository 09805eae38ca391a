"""Small building blocks shared by the screens: headings, error lines, password fields."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
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


class ElidedLabel(QLabel):
    """One line that ends in '…' when the space is too narrow; the full text is the tooltip."""

    def __init__(self, text: str = "", role: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        if role:
            self.setProperty("role", role)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = QFontMetrics(self.font())
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


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


class NewPasswordFields:
    """New password, repeat and a live hint about its length (the rules live in domain/).

    Not a widget of its own: `add_to` puts its rows into the caller's form, so the labels line
    up with the form's other fields.
    """

    def __init__(self) -> None:
        self.password = password_edit(tr("Minst 12 tecken, gärna flera ord"))
        self.repeat = password_edit()
        self.hint = styled_label("", "muted")
        self.password.textChanged.connect(self._update_hint)
        self._update_hint("")

    def add_to(self, form: QFormLayout, label: str = "") -> None:
        form.addRow(label or tr("Nytt lösenord"), self.password)
        form.addRow("", self.hint)
        form.addRow(tr("Upprepa lösenordet"), self.repeat)

    def _update_hint(self, text: str) -> None:
        self.hint.setText(
            strength_hint(text) or tr("Minst 12 tecken. Långt är bättre än krångligt.")
        )

    def values(self) -> tuple[str, str]:
        return self.password.text(), self.repeat.text()

    def clear(self) -> None:
        self.password.clear()
        self.repeat.clear()


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


class PageStack(QWidget):
    """Like QStackedWidget, but only the current page counts for the size.

    QStackedWidget sizes itself for its tallest page (height-for-width ignores hidden pages'
    size policies), which leaves big gaps under short pages.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []
        self._current: QWidget | None = None

    def addWidget(self, page: QWidget) -> None:
        self._pages.append(page)
        self._layout.addWidget(page)
        page.setVisible(self._current is None)
        if self._current is None:
            self._current = page

    def setCurrentWidget(self, page: QWidget) -> None:
        for other in self._pages:
            other.setVisible(other is page)
        self._current = page

    def currentWidget(self) -> QWidget | None:
        return self._current


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


def ask(
    parent: QWidget,
    title: str,
    text: str,
    accept_text: str,
    on_accept: Callable[[], None],
    *,
    safe_default: bool = False,
) -> QMessageBox:
    """A yes/cancel question, opened window-modal; `on_accept` runs when the user says yes.

    `safe_default` puts the default on Avbryt, for what cannot be undone (throwing a draft away,
    taking something out of use); a confirmation of signing defaults to its own button. The
    caller keeps the box (tests press its buttons).
    """
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.button(QMessageBox.StandardButton.Yes).setText(accept_text)
    box.button(QMessageBox.StandardButton.Cancel).setText(tr("Avbryt"))
    box.setDefaultButton(
        QMessageBox.StandardButton.Cancel if safe_default else QMessageBox.StandardButton.Yes
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.accepted.connect(on_accept)
    box.open()
    return box


def documents_folder() -> Path:
    """Where a save dialog opens: the user's Documents folder (the home folder if there is
    none), never the program's working folder."""
    for location in (
        QStandardPaths.StandardLocation.DocumentsLocation,
        QStandardPaths.StandardLocation.HomeLocation,
    ):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()
