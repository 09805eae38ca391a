"""Small building blocks shared by the screens: headings, error lines, password fields."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QPoint,
    QRect,
    QSize,
    QStandardPaths,
    Qt,
    QTimer,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
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


class FlowLayout(QLayout):
    """Widgets side by side that wrap onto the next line when the width runs out.

    Leading widgets go left to right; `trailing` ones sit at the right end of the last line
    when they fit there, else on lines of their own, right-aligned. Each line is as tall as
    its tallest widget and the others are centred in it. A header with a title, chips and
    buttons stays one line at 1366 px and wraps instead of squeezing (and cutting) its text
    in a narrow window.
    """

    def __init__(
        self, parent: QWidget | None = None, spacing: int = 8, line_spacing: int | None = None
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._trailing: set[int] = set()  # ids of trailing items
        self._spacing = spacing
        self._line_spacing = spacing if line_spacing is None else line_spacing
        self.setContentsMargins(0, 0, 0, 0)

    def add(self, widget: QWidget, *, trailing: bool = False) -> None:
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        self._items.append(item)
        if trailing:
            self._trailing.add(id(item))
        self.invalidate()

    # -- QLayout --------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self._trailing.discard(id(item))
        return item

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        items = self._shown()
        margins = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in items) + self._spacing * max(0, len(items) - 1)
        height = max((i.sizeHint().height() for i in items), default=0)
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """The widest single widget: everything else can wrap."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # -- arranging ------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _lines(self, items: list[QLayoutItem], width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in items:
            w = item.sizeHint().width()
            if lines[-1] and used + self._spacing + w > width:
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + w
            lines[-1].append(item)
        return [line for line in lines if line]

    def _line_width(self, line: list[QLayoutItem]) -> int:
        return sum(i.sizeHint().width() for i in line) + self._spacing * (len(line) - 1)

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        inner = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        width = max(1, inner.width())
        shown = self._shown()
        leading = [i for i in shown if id(i) not in self._trailing]
        trailing = [i for i in shown if id(i) in self._trailing]
        rows: list[tuple[list[QLayoutItem], list[QLayoutItem]]] = [
            (line, []) for line in self._lines(leading, width)
        ]
        if trailing:
            tail = self._line_width(trailing)
            if rows and self._line_width(rows[-1][0]) + 3 * self._spacing + tail <= width:
                rows[-1] = (rows[-1][0], trailing)
            else:
                rows += [([], line) for line in self._lines(trailing, width)]
        y = inner.top()
        for left, right in rows:
            height = max(i.sizeHint().height() for i in left + right)
            if move:
                x = inner.left()
                for item in left:
                    x = self._place(item, x, y, height) + self._spacing
                x = inner.right() + 1 - self._line_width(right)
                for item in right:
                    x = self._place(item, x, y, height) + self._spacing
            y += height + self._line_spacing
        end = y - (self._line_spacing if rows else 0)
        return end - inner.top() + margins.top() + margins.bottom()

    @staticmethod
    def _place(item: QLayoutItem, x: int, y: int, line_height: int) -> int:
        hint = item.sizeHint()
        top = y + (line_height - hint.height()) // 2
        item.setGeometry(QRect(QPoint(x, top), hint))
        return x + hint.width()


class ResponsiveRow(QWidget):
    """Widgets side by side sharing the width, or one above the other when the width is too
    small for that (the three boxes of an insats: a row at 1366 px, a column in a narrow
    window, where a row would be cut off)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 10) -> None:
        super().__init__(parent)
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(spacing)
        # Its minimum is minimumSizeHint() below, not the row's (which would never stack).
        self._box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._widgets: list[QWidget] = []

    def add(self, item: QWidget | QLayout, stretch: int = 1) -> None:
        """Add a widget, or a layout (held in a plain widget); `stretch` shares the row."""
        if isinstance(item, QLayout):
            holder = QWidget()
            item.setContentsMargins(0, 0, 0, 0)
            holder.setLayout(item)
            item = holder
        self._widgets.append(item)
        self._box.addWidget(item, stretch)
        self._arrange(self.width())

    @property
    def stacked(self) -> bool:
        return self._box.direction() == QBoxLayout.Direction.TopToBottom

    def _row_width(self) -> int:
        widths = [w.minimumSizeHint().width() for w in self._widgets]
        return sum(widths) + self._box.spacing() * max(0, len(widths) - 1)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the widest widget: below the row's width the widgets stack."""
        width = max((w.minimumSizeHint().width() for w in self._widgets), default=0)
        return QSize(width, self._box.totalMinimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._arrange(self.width())  # what the widgets need may have changed
        return super().event(event)

    def _arrange(self, width: int) -> None:
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if width >= self._row_width()
            else QBoxLayout.Direction.TopToBottom
        )
        if self._box.direction() != wanted:
            self._box.setDirection(wanted)


class VerticalScroll(QScrollArea):
    """A scroll area that scrolls up and down only, and so is never narrower than its
    content: the window holding it cannot be made so narrow that the content is cut off at
    the right (a horizontal scroll bar in a form is no better)."""

    def __init__(self, content: QWidget | None = None, *, frame: bool = False) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if not frame:
            self.setFrameShape(QFrame.Shape.NoFrame)
        if content is not None:
            self.setWidget(content)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        bar = self.verticalScrollBar().sizeHint().width()
        width = content.minimumSizeHint().width() + bar + 2 * self.frameWidth()
        return QSize(max(hint.width(), width), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and watched is self.widget():
            self.updateGeometry()  # the content's minimum width may have changed
        return super().eventFilter(watched, event)


class _ChoiceWidth(QObject):
    """Keeps a combo box at least as wide as the choice it shows (see keep_choice_readable)."""

    def __init__(self, combo: QComboBox, least: int) -> None:
        super().__init__(combo)
        self._combo = combo
        self._shown: str | None = None
        combo.setMinimumContentsLength(least)
        combo.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A choice can be set with the box's signals blocked; it is painted all the same.
        if (
            event.type() == QEvent.Type.Paint
            and watched is self._combo
            and self._combo.currentText() != self._shown
        ):
            QTimer.singleShot(0, self, self.fit)
        return False

    def fit(self) -> None:
        combo = self._combo
        self._shown = combo.currentText()
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        metrics = combo.fontMetrics()
        text = QSize(metrics.horizontalAdvance(combo.currentText()) + 4, metrics.height())
        needed = combo.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, option, text, combo
        )
        combo.setMinimumWidth(needed.width())


def keep_choice_readable(combo: QComboBox, least: int) -> None:
    """The combo box is never narrower than the choice it shows (at least `least`
    characters): a window cannot be made so narrow that a chosen legal ground or provider is
    cut. For a box with AdjustToMinimumContentsLengthWithIcon."""
    _ChoiceWidth(combo, least)
