"""Slow service calls off the UI thread, one at a time, results back on the UI thread.

Every service call that touches the store goes through `OperationRunner.run`. The runner owns
one QThreadPool with a single thread (the database thread), so operations run in the order they
were started and never at the same time. Success and failure come back through queued signals
and run on the UI thread:

- a `UserError` is shown with its Swedish message (inline, if the caller gives `failure`);
- anything else is a bug: its type and frame locations are logged (never its text, which may
  hold SQL parameters) and a generic Swedish message is shown.

Results that arrive after the session ended (lock, switch user, quit) are dropped: locking calls
`invalidate()`, which moves the runner to a new generation.

While any operation is in flight Python's cyclic garbage collector is paused, and it resumes on
the UI thread when the last result has been handled. An automatic collection runs in whichever
thread allocates when a threshold is passed; in the database thread it could free a cycle that
holds a Qt object, which Qt then destroys from the wrong thread: a segfault (seen in the test
suite as "Garbage-collecting" in the database thread, twice in two full runs).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from vinr_desktop.domain.errors import UserError
from vinr_desktop.ui.common.diagnostics import log_exception

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractButton

log = logging.getLogger(__name__)


def tr(text: str) -> str:
    return QCoreApplication.translate("Operations", text)


def unexpected_error_text() -> str:
    return tr(
        "Ett oväntat fel inträffade. Försök igen. Händer det igen, starta om programmet och "
        "kontakta IT-stöd. Felet har skrivits i loggen utan person- eller ärendeuppgifter."
    )


@dataclass
class Busy:
    """What shows that an operation runs: the button is disabled and says `text`."""

    button: QAbstractButton
    text: str
    also: tuple[QWidget, ...] = ()
    _saved_text: str = field(default="", init=False)

    def start(self) -> None:
        self._saved_text = self.button.text()
        self.button.setText(self.text)
        self.button.setEnabled(False)
        for widget in self.also:
            widget.setEnabled(False)

    def stop(self) -> None:
        if isValid(self.button):
            self.button.setText(self._saved_text)
            self.button.setEnabled(True)
        for widget in self.also:
            if isValid(widget):
                widget.setEnabled(True)


class _Job(QRunnable):
    """Runs the callable on the database thread and reports through the Op's signals."""

    def __init__(self, op: Operation) -> None:
        super().__init__()
        self._op = op
        self.setAutoDelete(False)  # the Operation keeps the Python object alive

    def run(self) -> None:
        op = self._op
        try:
            result = op.fn()
        except BaseException as exc:  # every failure must reach the UI thread
            op.failed.emit(exc)
        else:
            op.succeeded.emit(result)


class Operation(QObject):
    """One background call. Lives on the UI thread; its signals arrive there queued."""

    succeeded = Signal(object)  # the callable's return value
    failed = Signal(object)  # the exception it raised

    def __init__(
        self,
        runner: OperationRunner,
        fn: Callable[[], Any],
        *,
        parent_widget: QWidget | None,
        success: Callable[[Any], None] | None,
        failure: Callable[[str], None] | None,
        busy: Busy | None,
        changes: frozenset[str],
    ) -> None:
        # Owned by the runner on the C++ side and removed with deleteLater(), never freed by
        # Python's garbage collector in the middle of its own queued slot.
        super().__init__(runner)
        self.fn = fn
        self._runner = runner
        self._generation = runner.generation
        self._parent_widget = parent_widget
        self._success = success
        self._failure = failure
        self._busy = busy
        self._changes = changes
        self._job = _Job(self)
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)

    def start(self, pool: QThreadPool) -> None:
        if self._busy is not None:
            self._busy.start()
        pool.start(self._job)

    def _deliverable(self) -> bool:
        self._runner.finished(self)
        if self._busy is not None:
            self._busy.stop()
        if self._generation != self._runner.generation:
            return False  # the session this belongs to has ended (lock, quit)
        return self._parent_widget is None or isValid(self._parent_widget)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        if not self._deliverable():
            return
        if self._success is not None:
            self._success(result)
        if self._changes:
            self._runner.changed.emit(self._changes)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            message = exc.message
        else:
            log_exception(type(exc), exc, exc.__traceback__, where="background operation")
            message = unexpected_error_text()
        if not self._deliverable():
            return
        if self._failure is not None:
            self._failure(message)
        else:
            show_error(self._parent_widget, message)


def show_error(parent: QWidget | None, message: str) -> None:
    """A non-blocking warning box (window-modal on `parent`)."""
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Warning, tr("VINR Desktop"), message, parent=parent
    )
    box.setStandardButtons(QtWidgets.QMessageBox.StandardButton.Ok)
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


class _CollectorPause:
    """Operations in flight in this process, over every runner; touched on the UI thread only."""

    in_flight = 0
    was_enabled = True

    @classmethod
    def begin(cls) -> None:
        if cls.in_flight == 0:
            cls.was_enabled = gc.isenabled()
            gc.disable()
        cls.in_flight += 1

    @classmethod
    def end(cls) -> None:
        cls.in_flight -= 1
        if cls.in_flight == 0 and cls.was_enabled:
            gc.enable()


def _release_pauses(active: set[Operation], *_args: object) -> None:
    while active:
        active.pop()
        _CollectorPause.end()


class OperationRunner(QObject):
    """The database thread and the operations waiting for it."""

    # Emitted after a successful operation with what it changed (e.g. {"users"}), so views
    # that show that data reload themselves.
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # keep the one database thread for the whole run
        self._active: set[Operation] = set()
        self.generation = 0
        self._closed = False
        # Deleted with its window while work was in flight, the runner never hears that work
        # end: give its pauses of the collector back, or the collector stays off for good.
        self.destroyed.connect(partial(_release_pauses, self._active))

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def run(
        self,
        fn: Callable[[], Any],
        *,
        parent: QWidget | None = None,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[str], None] | None = None,
        busy: Busy | None = None,
        changes: Iterable[str] = (),
    ) -> None:
        """Run `fn()` on the database thread; call `success(result)` or `failure(message)`."""
        if self._closed:
            return
        op = Operation(
            self,
            fn,
            parent_widget=parent,
            success=success,
            failure=failure,
            busy=busy,
            changes=frozenset(changes),
        )
        self._active.add(op)
        _CollectorPause.begin()
        op.start(self._pool)

    def finished(self, op: Operation) -> None:
        if op in self._active:
            self._active.discard(op)
            _CollectorPause.end()
        op.deleteLater()

    def invalidate(self) -> None:
        """Drop the results of every operation started so far (the session ended)."""
        self.generation += 1

    def run_blocking_at_exit(self, fn: Callable[[], object]) -> None:
        """At quit: let running work finish, then run `fn` on the database thread and wait."""

        def guarded() -> None:
            try:
                fn()
            except BaseException as exc:
                log_exception(type(exc), exc, exc.__traceback__, where="shutdown")

        self._closed = True
        self.invalidate()
        self._pool.waitForDone(-1)
        self._pool.start(guarded)
        self._pool.waitForDone(-1)

    def wait(self) -> None:
        self._pool.waitForDone(-1)
