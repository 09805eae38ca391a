"""Progress from the database thread to the UI thread: a callback the service calls there,
a signal that arrives here (queued, since the relay lives on the UI thread).

A relay has no Qt parent: the callback (held by the operation until the UI thread frees it)
keeps it alive, so a page destroyed while its backup still runs (a lock, say) never leaves
the database thread emitting on a deleted object; the page's slot is simply disconnected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar


class ProgressRelay(QObject):
    progressed = Signal(int, int)  # (done, in all), e.g. pages copied

    def callback(self) -> Callable[[int, int], None]:
        def report(done: int, total: int) -> None:
            self.progressed.emit(done, total)

        return report


def percent(done: int, total: int) -> int:
    return 100 if total <= 0 else max(0, min(100, done * 100 // total))


def show_progress(bar: QProgressBar, done: int, total: int) -> None:
    """The copy's share; once every page is copied, a busy bar while the copy is checked."""
    if done >= total > 0:
        bar.setRange(0, 0)
        return
    bar.setRange(0, 100)
    bar.setValue(percent(done, total))
