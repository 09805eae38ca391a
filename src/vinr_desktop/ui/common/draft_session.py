"""One draft session per editor of a signable draft (journal entry, vårdplan, säkerhetsplan,
assessment): it saves itself, signs after a question, is thrown away after a question, is saved
when the editor closes, and says where to reopen it after an unlock.

The editor says what changed, how its service saves, signs and discards (each a call built on
the UI thread from what the widgets hold, run on the database thread), and what its operations
change; the session keeps the rest: the state (`dirty`, `saving`, `finished`), the single-shot
timer, the status line ("Utkast sparat 14:05:09"), the questions, and the order of the calls —
saves never overlap, and a save, sign or discard queued at close runs after one in flight, so a
draft's id made by the first save reaches the next call. A failed save is shown inline and
leaves the draft dirty, so the next change or the close tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from vinr_desktop.domain.journal import AUTOSAVE_SECONDS
from vinr_desktop.ui.common.dialogs import ask
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.resume import EditorKind, OpenEditor
from vinr_desktop.ui.common.widgets import ErrorLabel
from vinr_desktop.views.time_text import clock_text, now_clock_text

Call = Callable[[], object]  # a service call to run on the database thread


def tr(text: str) -> str:
    return QCoreApplication.translate("DraftSession", text)


class DraftSession(QObject):
    """The life of one editor's draft, from the first change to signed, thrown away or closed."""

    def __init__(
        self,
        editor: QDialog,
        runner: OperationRunner,
        save: Callable[[], Call],
        *,
        changes: frozenset[str],
        status: QLabel,
        error: ErrorLabel,
        saved: bool = False,
        on_saved: Callable[[Any], None] | None = None,
        seconds: int = AUTOSAVE_SECONDS,
    ) -> None:
        """`save` builds the save call from the widgets; `changes` are what a save or discard
        changes (the views refresh); `saved`: the draft is in the store already."""
        super().__init__(editor)
        self._editor = editor
        self._runner = runner
        self._save = save
        self._changes = changes
        self._status = status
        self._error = error
        self._on_saved = on_saved
        self.any_saved = saved
        self.dirty = False
        self.saving = False
        self.finished = False  # signed, thrown away or read-only: nothing more to save
        self.confirm_box: QMessageBox | None = None  # the open question (tests answer it)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(seconds * 1000)
        self.timer.timeout.connect(self.save_now)

    # -- saving ----------------------------------------------------------------------------

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
            self._save(), parent=self._editor, success=self._done, failure=self._failed
        )

    def show_saved(self, saved_utc: str) -> None:
        """The status line of a draft loaded from the store."""
        self._status.setText(tr("Utkast sparat {0}").format(clock_text(saved_utc, seconds=True)))

    def finish(self) -> None:
        """Signed, thrown away or read-only: stop saving."""
        self.timer.stop()
        self.finished = True
        self.dirty = False

    def _done(self, result: object) -> None:
        self.saving = False
        self.any_saved = True
        self._status.setText(tr("Utkast sparat {0}").format(now_clock_text()))
        if self._on_saved is not None:
            self._on_saved(result)
        if self.dirty and not self.finished:
            self.timer.start()

    def _failed(self, message: str) -> None:
        self.saving = False
        self.dirty = True
        self._status.setText(tr("Utkastet kunde inte sparas"))
        self._error.show_message(message)

    # -- signing and throwing away ---------------------------------------------------------

    def ask(
        self,
        title: str,
        question: str,
        accept_text: str,
        then: Callable[[], None],
        *,
        safe_default: bool = False,
    ) -> None:
        """A yes/cancel question over the editor (signing, throwing away); `then` on yes."""
        self.confirm_box = ask(
            self._editor, title, question, accept_text, then, safe_default=safe_default
        )

    def sign(
        self,
        call: Call,
        *,
        busy: Busy,
        changes: frozenset[str],
        success: Callable[[Any], None],
        failure: Callable[[str], None] | None = None,
    ) -> None:
        """Sign (after the question): no save starts meanwhile, and once the service has
        signed, nothing more is saved and `success` gets what it returned."""
        self.timer.stop()

        def signed(result: object) -> None:
            self.finish()
            success(result)

        self._runner.run(
            call,
            parent=self._editor,
            success=signed,
            failure=failure or self._error.show_message,
            busy=busy,
            changes=changes,
        )

    def discard(self, call: Call) -> None:
        """Throw the draft away (after the question): nothing more is saved, and the call runs
        after a save in flight, even when the editor is gone by then."""
        self.finish()
        self._runner.run(call, parent=None, changes=self._changes)

    # -- closing and coming back -----------------------------------------------------------

    def close(self) -> None:
        """The editor closes, any way (Stäng, Escape, ✕, a lock): what is left is saved,
        queued behind a running save; otherwise the views refresh if a draft was saved."""
        self.timer.stop()
        if self.finished:
            return
        dirty = self.dirty
        self.finish()
        if dirty:
            self._runner.run(self._save(), parent=None, changes=self._changes)
        elif self.any_saved:
            self._runner.changed.emit(self._changes)

    def resume_point(
        self, kind: EditorKind, target: Callable[[], str | int | None]
    ) -> OpenEditor | None:
        """Where to open the editor again after an unlock, while its draft is open."""
        return None if self.finished else OpenEditor(kind, target)
