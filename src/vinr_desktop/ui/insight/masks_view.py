"""The masks of the review screen in its text box: Qt counts positions in UTF-16 units, the
services in characters, and a mask is shown as a dark band over the words the client will not
see."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from vinr_desktop.domain.insight import Mask


def python_index(text: str, position: int) -> int:
    """A Qt text position (UTF-16 units) as an index into `text`."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def qt_position(text: str, index: int) -> int:
    return sum(2 if ord(c) > 0xFFFF else 1 for c in text[:index])


def paint_masks(edit: QPlainTextEdit, masks: Sequence[Mask]) -> None:
    """Show each mask as a dark band over its words."""
    text = edit.toPlainText()
    look = QTextCharFormat()
    look.setBackground(QColor("#1f2933"))
    look.setForeground(QColor("#ffffff"))
    shown = []
    for mask in masks:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(edit.document())
        cursor.setPosition(qt_position(text, mask.start))
        cursor.setPosition(qt_position(text, mask.end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = look
        shown.append(selection)
    edit.setExtraSelections(shown)
