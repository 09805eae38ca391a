"""Logging that cannot leak: what went wrong and where, never the data involved.

- Exceptions are logged as their type and the code locations of their frames. `str(exc)` is
  never logged: SQLAlchemy and sqlite messages contain SQL parameters, which may be names.
- Qt's own messages are logged as their type and category only, never their text.
- Core dumps are switched off and `faulthandler` writes Python frame locations on a crash.
"""

from __future__ import annotations

import faulthandler
import io
import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6 import QtWidgets
from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from vinr_desktop.store.paths import PRIVATE_FILE_MODE, make_private_folder

log = logging.getLogger("vinr_desktop")

LOG_NAME = "vinr-desktop.log"
LOG_MAX_BYTES = 512 * 1024
LOG_BACKUPS = 3
CRASH_LOG_NAME = "crash.log"

_QT_TYPES = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

# Kept open for the life of the process so faulthandler can write to it on a crash.
_crash_file: list[IO[str]] = []


def frame_locations(tb: TracebackType | None) -> list[str]:
    """'file:line in function' for each frame, innermost last. No values, no messages."""
    locations = []
    while tb is not None:
        code = tb.tb_frame.f_code
        locations.append(f"{Path(code.co_filename).name}:{tb.tb_lineno} in {code.co_name}")
        tb = tb.tb_next
    return locations


def log_exception(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    *,
    where: str = "",
) -> None:
    """Log an exception as its type and frame locations (and those of its causes)."""
    parts = [f"{exc_type.__module__}.{exc_type.__qualname__}"]
    parts.extend(frame_locations(tb))
    cause = (exc.__cause__ or exc.__context__) if exc is not None else None
    depth = 0
    while cause is not None and depth < 5:
        kind = type(cause)
        parts.append(f"caused by {kind.__module__}.{kind.__qualname__}")
        parts.extend(frame_locations(cause.__traceback__))
        cause = cause.__cause__ or cause.__context__
        depth += 1
    log.error("Unexpected error%s: %s", f" ({where})" if where else "", " | ".join(parts))


class _OwnerOnlyFileHandler(logging.FileHandler):
    """A log file made owner-only (0600) like every other file of the store."""

    def _open(self) -> io.TextIOWrapper:
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
        fd = os.open(self.baseFilename, flags, PRIVATE_FILE_MODE)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def setup_logging(log_dir: Path) -> None:
    """A small log file in the data folder, rotated at start; nothing goes to the console.

    The file is opened on the first record (most sessions write none). The folders it needs are
    made owner-only: at the first start this is what makes the register folder itself.
    """
    make_private_folder(log_dir)
    rotate_log(log_dir / LOG_NAME)
    handler = _OwnerOnlyFileHandler(log_dir / LOG_NAME, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)  # libraries: only what went wrong
    log.setLevel(logging.INFO)


def rotate_log(path: Path, max_bytes: int = LOG_MAX_BYTES, keep: int = LOG_BACKUPS) -> None:
    """Keep the log small: past `max_bytes`, shift it to .1 (…, .keep), dropping the oldest."""
    try:
        if path.stat().st_size <= max_bytes:
            return
        for number in range(keep - 1, 0, -1):
            older = path.with_name(f"{path.name}.{number}")
            if older.exists():
                older.replace(path.with_name(f"{path.name}.{number + 1}"))
        path.replace(path.with_name(f"{path.name}.1"))
    except OSError:
        return  # no log is better than no program


def harden_process(log_dir: Path) -> None:
    """No core dumps (they would hold decrypted pages); frame locations on a hard crash."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass  # not available on this platform (Windows)
    try:
        make_private_folder(log_dir)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
        fd = os.open(log_dir / CRASH_LOG_NAME, flags, PRIVATE_FILE_MODE)
        crash = open(fd, "a", encoding="utf-8")  # noqa: SIM115
    except OSError:
        faulthandler.enable()
        return
    _crash_file.append(crash)
    faulthandler.enable(file=crash)


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt messages may quote widget text; keep only the type and category."""
    category = context.category or "default"
    log.log(
        _QT_TYPES.get(mode, logging.WARNING), "Qt message: type=%s category=%s", mode.name, category
    )


def install_qt_message_handler() -> None:
    qInstallMessageHandler(qt_message_handler)


def install_excepthook(show_dialog: Callable[[], None] | None = None) -> None:
    """Log uncaught exceptions without their text and tell the user in Swedish."""
    show = show_dialog if show_dialog is not None else show_unexpected_error

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        log_exception(exc_type, exc, tb, where="uncaught")
        if threading.current_thread() is threading.main_thread():
            show()

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        log_exception(args.exc_type, args.exc_value, args.exc_traceback, where="thread")

    sys.excepthook = hook
    threading.excepthook = thread_hook


def show_unexpected_error() -> None:
    if QApplication.instance() is None:
        return
    QtWidgets.QMessageBox.critical(
        QApplication.activeWindow(),
        QCoreApplication.translate("Diagnostics", "VINR Desktop"),
        QCoreApplication.translate(
            "Diagnostics",
            "Ett oväntat fel inträffade. Det du redan har sparat finns kvar. Starta om "
            "programmet om något ser fel ut, och kontakta IT-stöd om felet kommer tillbaka. "
            "Felet har skrivits i loggen utan person- eller ärendeuppgifter.",
        ),
    )
