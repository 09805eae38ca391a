"""Asking to lock from anywhere: Ctrl+L in any window, and a Lås button in any dialog.

A QShortcut with Qt.ApplicationShortcut does not fire while a modal dialog (the journal
editor, Byt lösenord…) blocks the window that owns it, and the main window's Lås button cannot
be clicked then either — the windowing system blocks it. So the main window installs
`LockRequests` on the application: an event filter that sees Ctrl+L typed in every window, a
modal dialog and its message boxes included, and the request that `request_lock()` posts (the
Lås button of the case header in a dialog).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence

LOCK_KEYS = "Ctrl+L"
LOCK_EVENT = QEvent.Type(QEvent.registerEventType())


def request_lock() -> None:
    """Ask the program to lock now (what Ctrl+L does), from any widget of any window."""
    app = QCoreApplication.instance()
    if app is not None:
        QCoreApplication.postEvent(app, QEvent(LOCK_EVENT))


class ApplicationKey(QObject):
    """Application-wide event filter: emits `requested` when `keys` is typed in any window, a
    modal dialog and its message boxes included.

    `active()` says whether the key means anything now (someone is logged in); otherwise it goes
    on to the widget as usual. The signal is emitted from the event loop, after the key's own
    delivery, because what it asks for (a lock, the screen guard) closes the window it was
    typed in.
    """

    requested = Signal()

    def __init__(
        self, keys: str, active: Callable[[], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._active = active
        self._sequence = QKeySequence(keys)
        self._installed = False

    def install(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def remove(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
        self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        if QKeySequence(event.keyCombination()) != self._sequence or not self._active():
            return False
        # Claiming the override keeps any shortcut from taking the key; the key press that
        # follows is the one that acts.
        event.accept()
        if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
            self._emit_later()
        return True

    def _emit_later(self) -> None:
        QTimer.singleShot(0, self, self.requested.emit)


class LockRequests(ApplicationKey):
    """Ctrl+L in every window, and the request that `request_lock()` posts."""

    def __init__(self, active: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(LOCK_KEYS, active, parent)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == LOCK_EVENT:
            self._emit_later()
            return True
        return super().eventFilter(watched, event)
