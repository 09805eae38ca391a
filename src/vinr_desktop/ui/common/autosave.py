"""A draft that saves itself: a few seconds after the last change, never two saves at once.

Shared by every editor of a signable draft (journal entry, vårdplan, säkerhetsplan, assessment).
The editor says when something changed and how to save; this keeps the state (`dirty`, `saving`,
`finished`), the single-shot timer and the status line, and shows a failed save inline and keeps
the draft dirty so the next change or close tries again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel
from vinr_desktop.views.time_text import now_clock_text


def tr(text: str) -> str:
    return QCoreApplication.translate("Autosave", text)


class DraftAutosave(QObject):
    """The autosave state machine of one editor.

    `save` is called on the UI thread and returns the service call to run in the background (so
    the draft is read from the widgets before the job starts). `saved_at(result)` gives the time
    shown in "Utkast sparat …"; `on_saved(result)` lets the editor react (emit, remember an id).
    """

    def __init__(
        self,
        parent: QWidget,
        runner: OperationRunner,
        save: Callable[[], Callable[[], object]],
        *,
        seconds: int,
        status: QLabel,
        error: ErrorLabel,
        saved_at: Callable[[object], str] = lambda _result: now_clock_text(),
        on_saved: Callable[[object], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._runner = runner
        self._save = save
        self._status = status
        self._error = error
        self._saved_at = saved_at
        self._on_saved = on_saved
        self.dirty = False
        self.saving = False
        self.finished = False  # signed, discarded or read-only: nothing more to save
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(seconds * 1000)
        self.timer.timeout.connect(self.save_now)

    def changed(self) -> None:
        """Something in the draft changed: save it a few seconds from now."""
        if self.finished:
            return
        self.dirty = True
        if not self.timer.isActive() and not self.saving:
            self.timer.start()

    def save_now(self) -> None:
        """Save now (the timer calls this); coalesced with a save already running."""
        self.timer.stop()
        if self.finished or not self.dirty or self.saving:
            return
        self.dirty = False
        self.saving = True
        self._runner.run(
            self._save(),
            parent=self._parent,
            success=self._done,
            failure=self._failed,
        )

    def finish(self) -> None:
        """The draft is signed or thrown away: stop saving it."""
        self.timer.stop()
        self.finished = True
        self.dirty = False

    def _done(self, result: object) -> None:
        self.saving = False
        self._status.setText(tr("Utkast sparat {0}").format(self._saved_at(result)))
        if self._on_saved is not None:
            self._on_saved(result)
        if self.dirty and not self.finished:
            self.timer.start()

    def _failed(self, message: str) -> None:
        self.saving = False
        self.dirty = True
        self._status.setText(tr("Utkastet kunde inte sparas"))
        self._error.show_message(message)
