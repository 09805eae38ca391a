"""Layouts and sizing the screens share: a stack sized by its current page, a row that wraps
(FlowLayout) or stacks (ResponsiveRow) when the width runs out, a scroll area that only scrolls
down, and combo boxes wide enough to read their choice.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)


class WrapLabel(QLabel):
    """A word-wrapped label whose minimum height is what its text needs at its present width.

    A plain wrapped label inside a tab or a stacked page can be given one line and cut the
    rest (those containers do not pass height-for-width on). The height is given as a size
    hint, asked again whenever the width changes, rather than set as a minimum: a minimum set
    while a layout briefly made the label narrow stayed behind, and a one-line text then took
    a fifth of the page (the Gallring page at 1366x768 after the smallest size).
    """

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        needed = self.heightForWidth(self.width()) if self.width() > 0 else -1
        return QSize(hint.width(), max(hint.height(), needed))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


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
