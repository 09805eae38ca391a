"""Finds what a user cannot read in full: text cut short, widgets on top of each other.

`check(root, stop)` looks at every visible widget under `root` and returns a `Problem` for

- a label or button whose text is wider (or taller) than the room it has — measured with the
  widget's own QFontMetrics, so it fails whether Qt elides the text or clips it;
- a combo box, placeholder, tab or table cell whose text is cut, in a table only while
  another column of it stands half empty (the columns are sized badly, not the window too
  small), and a table whose columns run out of sight to the right;
- two widgets of one layout that overlap (a widget with a minimum size the layout could not
  give it), or a widget pushed out of its parent;
- a window taller or wider than the screen.

Used by test_layout_walk.py, which walks every page and dialog at two window sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QWidget,
)

# Internal parts of Qt's own complex widgets: their layout is Qt's business.
_OPAQUE = (QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QTabBar)
TOLERANCE = 1  # pixels of rounding
CELL_ROWS = 40  # table rows looked at (the visible ones)
WASTED = 24  # a column with this much unused room could have given it to a cut one


@dataclass(frozen=True)
class Problem:
    stop: str
    kind: str
    widget: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.stop}] {self.kind}: {self.widget} — {self.detail}"


def describe(widget: QWidget, root: QWidget | None = None) -> str:
    """Class, object name and text of a widget and the names of its ancestors (for a report)."""
    parts: list[str] = []
    current: QWidget | None = widget
    while current is not None and current is not root and len(parts) < 5:
        name = type(current).__name__
        if current.objectName() and not current.objectName().startswith("qt_"):
            name += f"#{current.objectName()}"
        parts.append(name)
        current = current.parentWidget()
    text = _text_of(widget)
    shown = f" {text[:60]!r}" if text else ""
    return " < ".join(parts) + shown


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _internal(widget: QWidget, root: QWidget) -> bool:
    """A part of a complex Qt widget (a line edit's clear button, a table's header…)."""
    if widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, _OPAQUE):
            return True
        parent = parent.parentWidget()
    return False


def _in_window(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisible() and widget.window() is root and widget.width() > 0


class Checker:
    """Collects problems of one window at one stop of the walk."""

    def __init__(self, root: QWidget, stop: str) -> None:
        self.root = root
        self.stop = stop
        self.problems: list[Problem] = []

    def add(self, kind: str, widget: QWidget, detail: str) -> None:
        self.problems.append(Problem(self.stop, kind, describe(widget, self.root), detail))

    def run(self) -> list[Problem]:
        self._window()
        widgets = [w for w in self.root.findChildren(QWidget) if _in_window(w, self.root)]
        for widget in widgets:
            if _internal(widget, self.root):
                continue
            if isinstance(widget, QLabel):
                self._label(widget)
            elif isinstance(widget, QAbstractButton):
                self._button(widget)
            elif isinstance(widget, QComboBox):
                self._combo(widget)
            elif isinstance(widget, QLineEdit):
                self._line_edit(widget)
            if isinstance(widget, QTabBar):
                self._tabs(widget)
            if isinstance(widget, QTableView):
                self._table(widget)
            if isinstance(widget, QScrollArea):
                self._scroll_area(widget)
            self._inside_parent(widget)
        for layout in self.root.findChildren(QLayout):
            self._overlaps(layout)
        return self.problems

    # -- the window ----------------------------------------------------------------------

    def _window(self) -> None:
        screen = self.root.screen() or QGuiApplication.primaryScreen()
        if screen is None or not isinstance(self.root, QDialog):
            return
        room = screen.availableGeometry()
        title_bar = 32  # offscreen windows have no frame; a real one has a title bar
        if self.root.height() + title_bar > room.height() or self.root.width() > room.width():
            self.add(
                "window",
                self.root,
                f"{self.root.width()}×{self.root.height()} (+ title bar) does not fit the "
                f"screen's {room.width()}×{room.height()}",
            )

    # -- text ----------------------------------------------------------------------------

    def _label(self, label: QLabel) -> None:
        text = _plain(label.text()) if label.buddy() is not None else label.text()
        if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
            return
        room = label.contentsRect().adjusted(
            label.margin(), label.margin(), -label.margin(), -label.margin()
        )
        if label.indent() > 0:
            room.setLeft(room.left() + label.indent())
        metrics = label.fontMetrics()
        rich = label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
        )
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + TOLERANCE:
                self.add("clipped", label, f"needs {needed} px of height, has {label.height()}")
            if not rich:  # a word wider than the label (lines break at spaces and hyphens)
                words = text.replace("-", "- ").split()
                widest = max((metrics.horizontalAdvance(w) for w in words), default=0)
                if widest > room.width() + TOLERANCE:
                    self.add("clipped", label, f"a word needs {widest} px, has {room.width()}")
            return
        if rich:
            doc = QTextDocument()
            doc.setDefaultFont(label.font())
            doc.setDocumentMargin(0)
            doc.setHtml(text)
            width, lines = int(doc.idealWidth()), max(1, doc.blockCount())
        else:
            rows = text.split("\n")
            width, lines = max(metrics.horizontalAdvance(r) for r in rows), len(rows)
        if width > room.width() + TOLERANCE:
            self.add("elided", label, f"text needs {width} px, has {room.width()}")
        height = metrics.height() + metrics.lineSpacing() * (lines - 1)
        if height > room.height() + 2:
            self.add("clipped", label, f"text needs {height} px of height, has {room.height()}")

    def _button(self, button: QAbstractButton) -> None:
        text = _plain(button.text())
        if not text or button.layout() is not None:
            return  # a button made of labels: the labels are checked
        hint = button.sizeHint()
        if isinstance(button, QPushButton):
            # The style draws the text in the contents rectangle (inside the padding) and
            # clips it there.
            option = QStyleOptionButton()
            button.initStyleOption(option)
            room = button.style().subElementRect(
                QStyle.SubElement.SE_PushButtonContents, option, button
            )
            needed = button.fontMetrics().horizontalAdvance(text)
            if not button.icon().isNull():
                needed += button.iconSize().width() + 4
            if needed > room.width() + TOLERANCE:
                self.add("elided", button, f"text needs {needed} px, has {room.width()}")
        elif button.width() < hint.width() - TOLERANCE:
            self.add("elided", button, f"needs {hint.width()} px, has {button.width()}")
        if button.height() < hint.height() - 4:
            self.add(
                "clipped", button, f"needs {hint.height()} px of height, has {button.height()}"
            )

    def _combo(self, combo: QComboBox) -> None:
        if combo.count() == 0 or combo.isEditable():
            return
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        room = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            combo,
        )
        index = combo.currentIndex()
        needed = combo.fontMetrics().horizontalAdvance(combo.itemText(index)) + 2
        if not combo.itemIcon(index).isNull():
            needed += combo.iconSize().width() + 4
        if needed > room.width() + TOLERANCE:
            self.add("elided", combo, f"the choice shown needs {needed} px, has {room.width()}")

    def _line_edit(self, edit: QLineEdit) -> None:
        """An empty field's placeholder is the hint of what to write: it must show in full."""
        hint = edit.placeholderText()
        if edit.text() or not hint:
            return
        margins = edit.textMargins()
        room = edit.contentsRect().width() - margins.left() - margins.right() - 2 * 2
        needed = edit.fontMetrics().horizontalAdvance(hint)
        if needed > room + TOLERANCE:
            self.add("elided", edit, f"placeholder {hint!r} needs {needed} px, has {room}")

    def _tabs(self, bar: QTabBar) -> None:
        for i in range(bar.count()):
            if not bar.isTabVisible(i):
                continue
            needed = bar.fontMetrics().horizontalAdvance(_plain(bar.tabText(i))) + 16
            if bar.tabRect(i).width() < needed:
                self.add("elided", bar, f"tab {bar.tabText(i)!r} needs {needed} px")

    # -- tables --------------------------------------------------------------------------

    def _table(self, view: QTableView) -> None:
        model = view.model()
        if model is None or model.rowCount() == 0:
            return
        header = view.horizontalHeader()
        columns = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
        first = max(0, view.rowAt(0))
        last = view.rowAt(view.viewport().height() - 1)
        last = min(model.rowCount() - 1 if last < 0 else last, first + CELL_ROWS)
        # What each column needs, as Qt's own ResizeToContents measures it (its rows).
        need = {c: max(view.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in columns}
        cut: dict[int, tuple[int, str]] = {}
        for row in range(first, last + 1):
            for column in columns:
                index = model.index(row, column)
                text = str(index.data() or "")
                short = self._cell_need(view, index) - view.columnWidth(column)
                if text and short > TOLERANCE and short > cut.get(column, (0, ""))[0]:
                    cut[column] = (short, text)
        shown = sum(view.columnWidth(c) for c in columns)
        if shown > view.viewport().width() + TOLERANCE:
            self.add(
                "clipped",
                view,
                f"its columns need {shown} px, it shows {view.viewport().width()} "
                "(the rest is out of sight, to the right)",
            )
        if not cut:
            return
        spare = {c: view.columnWidth(c) - need[c] for c in columns}
        wasted = [c for c in columns if spare[c] >= WASTED and c not in cut]
        for column, (short, text) in cut.items():
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or column)
            if wasted:
                idle = ", ".join(
                    f"{model.headerData(c, Qt.Orientation.Horizontal) or c} +{spare[c]} px"
                    for c in wasted
                )
                self.add(
                    "cell",
                    view,
                    f"column {title!r} cuts {text[:40]!r} by {short} px while {idle} unused",
                )

    @staticmethod
    def _cell_need(view: QTableView, index: QModelIndex) -> int:
        option = QStyleOptionViewItem()
        option.initFrom(view.viewport())
        option.font = view.font()
        option.widget = view
        option.state |= QStyle.StateFlag.State_Enabled
        delegate = view.itemDelegateForIndex(index)
        return delegate.sizeHint(option, index).width() if delegate is not None else 0

    # -- geometry ------------------------------------------------------------------------

    def _scroll_area(self, area: QScrollArea) -> None:
        """Pages and forms scroll up and down; content that is wider than the view is cut off
        (no scroll bar) or hidden to the right behind a scroll bar the user must find."""
        content = area.widget()
        if content is None or not content.isVisible():
            return
        room = area.viewport().width()
        needed = max(content.minimumSizeHint().width(), content.width())
        if needed > room + TOLERANCE:
            self.add("clipped", area, f"content needs {needed} px, shows {room}")

    def _inside_parent(self, widget: QWidget) -> None:
        parent = widget.parentWidget()
        if parent is None or widget.isWindow():
            return
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return  # scrolled content
        if isinstance(parent, QAbstractScrollArea):
            return
        room, rect = parent.rect(), widget.geometry()
        if (
            rect.right() > room.right() + TOLERANCE
            or rect.bottom() > room.bottom() + TOLERANCE
            or rect.left() < room.left() - TOLERANCE
            or rect.top() < room.top() - TOLERANCE
        ):
            self.add("clipped", widget, f"{_rect(rect)} outside its parent {_rect(room)}")

    def _overlaps(self, layout: QLayout) -> None:
        owner = layout.parentWidget()
        if owner is None or not _in_window(owner, self.root) or _internal(owner, self.root):
            return
        items: list[tuple[str, QRect, QWidget]] = []
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item is None:
                continue
            widget = item.widget()
            if widget is not None:
                if widget.isVisible() and not widget.isWindow():
                    items.append((describe(widget, self.root), widget.geometry(), widget))
            elif (inner := item.layout()) is not None and _has_visible(inner):
                items.append((f"layout in {describe(owner, self.root)}", inner.geometry(), owner))
        for a in range(len(items)):
            for b in range(a + 1, len(items)):
                overlap = items[a][1].intersected(items[b][1])
                if overlap.width() > TOLERANCE and overlap.height() > TOLERANCE:
                    self.add(
                        "overlap",
                        items[a][2],
                        f"{items[a][0]} {_rect(items[a][1])} overlaps "
                        f"{items[b][0]} {_rect(items[b][1])}",
                    )


def _has_visible(layout: QLayout) -> bool:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        widget = item.widget()
        if widget is not None and widget.isVisible():
            return True
        inner = item.layout()
        if inner is not None and _has_visible(inner):
            return True
    return False


def _rect(rect: QRect) -> str:
    return f"({rect.x()},{rect.y()} {rect.width()}×{rect.height()})"


def check(root: QWidget, stop: str) -> list[Problem]:
    """Every problem of the window `root` as it is shown now."""
    root.ensurePolished()
    return Checker(root, stop).run()
