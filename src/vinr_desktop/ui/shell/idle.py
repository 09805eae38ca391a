"""Idle auto-lock: any key or mouse input in the application postpones the lock.

The clock is injectable (tests move it by hand); a timer asks `IdleLock.expired()` every second
while someone is logged in.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from vinr_desktop.access.session import IdleLock

CHECK_INTERVAL_MS = 1000

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent


@cache
def input_events() -> frozenset[QEvent.Type]:
    """The events that count as someone using the program (made at the first login, not
    while the cold start builds the login window: see ui/common/widgets.py's note)."""
    kinds = QtCore.QEvent.Type
    return frozenset(
        {
            kinds.KeyPress,
            kinds.MouseButtonPress,
            kinds.MouseMove,
            kinds.Wheel,
            kinds.TouchBegin,
            kinds.TabletPress,
        }
    )


class IdleWatcher(QObject):
    """Application-wide event filter plus a one-second timer; emits `expired` once."""

    expired = Signal()

    def __init__(
        self,
        minutes: int,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._idle = IdleLock(minutes * 60, clock)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self._check)
        self._installed = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    @property
    def timeout_seconds(self) -> float:
        return self._idle.timeout_seconds

    def set_minutes(self, minutes: int) -> None:
        self._idle.set_timeout(minutes * 60)

    def start(self) -> None:
        """Someone logged in or unlocked: start counting from now."""
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._idle.touch()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
        self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in input_events():
            self._idle.touch()
        return False

    def _check(self) -> None:
        if self._idle.expired():
            self.stop()
            self.expired.emit()
