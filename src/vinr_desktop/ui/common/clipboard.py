"""Our text must not stay on the clipboard: cleared 30 s after we put it there, on lock, on quit.

Text counts as ours when the platform says this program owns the clipboard, or when it changed
while this program was the active one and has not changed since (we keep only a hash of it, to
recognise it). Another program's clipboard data is never touched.
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000


class ClipboardGuard(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CLEAR_AFTER_MS)
        self._timer.timeout.connect(self.clear_ours)
        self._ours: int | None = None
        self._clipboard: QClipboard | None = QGuiApplication.clipboard()
        if self._clipboard is not None:
            self._clipboard.dataChanged.connect(self._changed)

    def _changed(self) -> None:
        clipboard = self._clipboard
        if clipboard is None:
            return
        text = clipboard.text()
        active = QGuiApplication.applicationState() == QtCore.Qt.ApplicationState.ApplicationActive
        if text and (clipboard.ownsClipboard() or active):
            self._ours = hash(text)
            self._timer.start()
        else:
            self._ours = None

    def holds_ours(self) -> bool:
        clipboard = self._clipboard
        if clipboard is None:
            return False
        if clipboard.ownsClipboard():
            return True
        return self._ours is not None and hash(clipboard.text()) == self._ours

    def clear_ours(self) -> None:
        """Empty the clipboard (and the X11 selection) if what it holds came from us."""
        self._timer.stop()
        clipboard = self._clipboard
        if clipboard is None:
            return
        if self.holds_ours():
            clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        self._ours = None

    def detach(self) -> None:
        self._timer.stop()
        if self._clipboard is not None:
            self._clipboard.dataChanged.disconnect(self._changed)
            self._clipboard = None
