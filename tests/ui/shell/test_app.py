"""Start-up and shut-down, and diagnostics that cannot leak (the layering rule is
tests/test_layers.py)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType
from pytestqt.qtbot import QtBot

from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv
from vinr_desktop.domain.errors import InvalidInput, StoreDamaged
from vinr_desktop.store.instance_lock import InstanceLock
from vinr_desktop.ui.common import diagnostics
from vinr_desktop.ui.common.operations import OperationRunner, unexpected_error_text
from vinr_desktop.ui.shell.login_page import LoginPage
from vinr_desktop.ui.shell.main_window import MainWindow, Screen

SECRET = "Hemliga Personsson 19800101-1234"


def test_quit_while_background_operation_runs(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    window = make_window()
    ctx = window.ctx
    page = window.current
    assert isinstance(page, LoginPage)
    page.username.setText(ADMIN)
    page.password.setText(ADMIN_PASSWORD)
    page.login_button.click()
    assert window.runner.busy
    window.close()  # waits for the login, logs out, closes the store
    assert ctx.store is None
    assert ctx.user is None
    qtbot.wait(50)  # late results are dropped, not shown on a closed window
    assert window.screen_kind is Screen.LOGIN
    other = InstanceLock(ctx.paths.lock)
    other.acquire()  # the instance lock was released
    other.release()


def test_runner_delivers_on_ui_thread_and_hides_details(qtbot: QtBot) -> None:
    runner = OperationRunner()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread() is threading.main_thread()
        return 7

    def done(value: int) -> None:
        seen["value"] = value
        seen["ui"] = threading.current_thread() is threading.main_thread()

    runner.run(work, success=done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=WAIT_MS)
    assert seen == {"worker": False, "value": 7, "ui": True}

    messages: list[str] = []

    def user_error() -> None:
        raise InvalidInput("Skriv enhetens namn.")

    def bug() -> None:
        raise RuntimeError(SECRET)

    runner.run(user_error, failure=messages.append)
    runner.run(bug, failure=messages.append)
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=WAIT_MS)
    assert messages == ["Skriv enhetens namn.", unexpected_error_text()]
    runner.wait()


def test_invalidate_drops_late_results(qtbot: QtBot) -> None:
    runner = OperationRunner()
    results: list[int] = []
    gate = threading.Event()
    runner.run(lambda: gate.wait(5) and 1, success=results.append)
    runner.invalidate()
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)
    assert results == []


def test_exception_log_has_type_and_places_only(caplog: pytest.LogCaptureFixture) -> None:
    try:
        try:
            raise KeyError(SECRET)
        except KeyError as inner:
            raise ValueError(f"UPDATE persons SET name='{SECRET}'") from inner
    except ValueError as exc:
        with caplog.at_level(logging.ERROR):
            diagnostics.log_exception(type(exc), exc, exc.__traceback__, where="test")
    text = caplog.text
    assert "builtins.ValueError" in text
    assert "caused by builtins.KeyError" in text
    assert "test_app.py:" in text
    assert "Hemliga" not in text
    assert "1234" not in text


def test_qt_messages_logged_without_text(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        diagnostics.qt_message_handler(QtMsgType.QtWarningMsg, QMessageLogContext(), SECRET)
    assert "QtWarningMsg" in caplog.text
    assert "Hemliga" not in caplog.text


def test_second_instance_gets_swedish_message_and_exit_2(env: UiEnv) -> None:
    env.create_store()
    holder = InstanceLock(env.folder / "vinr.lock")
    holder.acquire()
    try:
        # The message box is replaced by a print so the child process does not wait for a click.
        script = (
            "import sys\n"
            "from PySide6.QtWidgets import QMessageBox\n"
            "QMessageBox.warning = staticmethod(lambda *a: print(a[2]) or 0)\n"
            "from vinr_desktop.ui.app import main\n"
            "sys.exit(main(sys.argv[1:]))\n"
        )
        child_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
        done = subprocess.run(
            [sys.executable, "-c", script, "--data-dir", str(env.folder)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=child_env,
            timeout=60,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert "Registret är redan öppet" in done.stdout
        assert holder.held  # the first instance is unaffected
    finally:
        holder.release()
    log_file = env.folder / "logs" / diagnostics.LOG_NAME
    if log_file.exists():
        assert "Registret" not in log_file.read_text(encoding="utf-8")


# Starts the program, logs in and prints what the login page then says (no other output).
_LOG_IN_AND_REPORT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.app import main

def log_in(window):
    page = window.current
    page.username.setText(sys.argv[2])
    page.password.setText(sys.argv[3])
    page.login_button.click()
    def report():
        if window.runner.busy or not page.error.text():
            QTimer.singleShot(20, report)
            return
        print("LOGIN PAGE:", page.error.text(), flush=True)
        QApplication.quit()
    report()

_show = MainWindow.show
def show(self):
    _show(self)
    QTimer.singleShot(0, lambda: log_in(self))
MainWindow.show = show
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def test_login_on_a_damaged_first_page_shows_only_swedish(env: UiEnv) -> None:
    """Run as a fresh process: SQLCipher's log level is process-wide, so in this one an
    earlier test would already have silenced the English lines it writes to stderr."""
    env.create_store()
    db = env.folder / "vinr.db"
    data = bytearray(db.read_bytes())
    data[1000] ^= 0xFF  # inside page 1, past the salt: fails its HMAC
    db.write_bytes(bytes(data))
    child_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _LOG_IN_AND_REPORT, str(env.folder), ADMIN, ADMIN_PASSWORD],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=child_env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"LOGIN PAGE: {StoreDamaged('vinr.db').message}"]
    assert done.stderr == ""


def test_log_is_rotated_at_start_and_keeps_three_old_files(tmp_path: Path) -> None:
    log_file = tmp_path / diagnostics.LOG_NAME
    for generation in range(5):
        log_file.write_bytes(str(generation).encode() * (diagnostics.LOG_MAX_BYTES + 1))
        diagnostics.rotate_log(log_file)
    assert not log_file.exists()
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == [f"{diagnostics.LOG_NAME}.{n}" for n in (1, 2, 3)]
    assert (tmp_path / f"{diagnostics.LOG_NAME}.1").read_bytes()[:1] == b"4"  # newest first
    small = tmp_path / "small.log"
    small.write_text("kort")
    diagnostics.rotate_log(small)
    assert small.read_text() == "kort"
