"""The automatic backup when a session ends — logout from the account menu, closing the
window — only when something changed, also from a caseworker's session; the status bar's
colours by the clock; a failed backup never stops the logout."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.backup.conftest import backups_in, prepare
from tests.ui.conftest import WAIT_MS, UiEnv, login_ok, open_dialog, wait_idle
from vinr_desktop.ui.shell.main_window import MainWindow, Screen
from vinr_desktop.ui.shell.workspace import Workspace

BO_PASSWORD = "blå cykel i regnet 42"
DAY = 24 * 3600
SHOTS = os.environ.get("BACKUP_SHOTS", "")


def _workspace(window: MainWindow) -> Workspace:
    workspace = window.current
    assert isinstance(workspace, Workspace)
    return workspace


def _log_out(qtbot: QtBot, window: MainWindow) -> list[Screen]:
    """Logga ut from the account menu; the screens passed on the way to the login."""
    seen: list[Screen] = []
    _workspace(window).logout_action.trigger()
    seen.append(window.screen_kind)
    qtbot.waitUntil(lambda: window.screen_kind is Screen.LOGIN, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    return seen


def test_logout_backs_up_only_when_something_changed(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    usb = prepare(env, backup_first=True)
    env.wall.advance(DAY)
    window = logged_in_window()
    assert _log_out(qtbot, window) == [Screen.ENDING]  # the note, while the service decides
    assert len(backups_in(usb)) == 1  # logging in and out changed nothing

    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    admin_page = _workspace(window).admin_page
    assert admin_page is not None
    admin_page.idle_spin.setValue(9)
    admin_page.idle_save.click()
    wait_idle(qtbot, window)
    _log_out(qtbot, window)
    assert len(backups_in(usb)) == 2

    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    assert _workspace(window).backup_label.text().startswith("Senaste säkerhetskopia: 2026-03-03")
    admin_page = _workspace(window).admin_page
    assert admin_page is not None
    admin_page.idle_spin.setValue(8)
    admin_page.idle_save.click()
    wait_idle(qtbot, window)
    _log_out(qtbot, window)
    assert len(backups_in(usb)) == 2  # a change, but there was a backup today


def test_a_caseworkers_logout_writes_the_backup_and_her_status_click_explains(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    env.add_user("bo", "Bo Fiktivsson", {"caseworker"}, password=BO_PASSWORD)
    usb = prepare(env)
    window = logged_in_window("bo", BO_PASSWORD)
    workspace = _workspace(window)
    assert workspace.backup_page is None
    workspace.backup_label.click()
    box = open_dialog(qtbot, QMessageBox)
    assert box.text().startswith("Säkerhetskopiorna sköts av administratören.")
    box.close()
    _log_out(qtbot, window)
    assert len(backups_in(usb)) == 1
    login_ok(qtbot, window, "bo", BO_PASSWORD)
    assert _workspace(window).backup_label.property("age") == "fresh"


def test_a_failed_backup_never_stops_the_logout_and_shows_next_time(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    usb = prepare(env, backup_first=True)
    env.wall.advance(DAY)
    window = logged_in_window()
    admin_page = _workspace(window).admin_page
    assert admin_page is not None
    admin_page.idle_spin.setValue(9)
    admin_page.idle_save.click()
    wait_idle(qtbot, window)
    usb.rename(usb.with_name("usb-utdraget"))  # the stick was pulled out
    _log_out(qtbot, window)
    box = open_dialog(qtbot, QMessageBox)
    assert box.text().startswith("Den automatiska säkerhetskopieringen misslyckades: Mappen")
    box.close()
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    label = _workspace(window).backup_label
    assert label.text().endswith(" · senaste försöket misslyckades")
    assert label.property("age") == "amber"
    assert "finns inte (är USB-minnet" in label.toolTip()


def test_closing_the_window_backs_up_first(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    usb = prepare(env)
    window = logged_in_window()
    window.close()
    assert window.screen_kind is Screen.ENDING and window.isVisible()
    if SHOTS:
        note = window.current
        assert note is not None
        note.relay.progressed.emit(40, 100)  # type: ignore[attr-defined]
        window.grab().save(str(Path(SHOTS) / "closing-note.png"))
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    assert len(backups_in(usb)) == 1
    assert window.ctx.store is None  # logged out and closed


def _status_after(env: UiEnv, window_for: Callable[..., MainWindow], days: int) -> Workspace:
    """Logged in `days` after the last backup (the wall clock moved, nothing else)."""
    prepare(env, backup_first=True)
    env.wall.advance(days * DAY)
    workspace = _workspace(window_for())
    if SHOTS:
        QTest.qWait(50)
        strip = workspace.backup_label.parentWidget()
        strip.grab().save(str(Path(SHOTS) / f"status-{days}.png"))
    return workspace


def test_the_status_is_amber_after_a_week(
    env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    label = _status_after(env, logged_in_window, 8).backup_label
    assert label.property("age") == "amber"


def test_the_status_is_red_after_a_month(
    env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    label = _status_after(env, logged_in_window, 31).backup_label
    assert label.property("age") == "red"


def test_the_status_opens_the_backup_page_for_an_admin(
    env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    workspace = _status_after(env, logged_in_window, 2)
    assert workspace.backup_label.property("age") == "fresh"
    assert workspace.pages.currentWidget() is not workspace.backup_page
    workspace.backup_label.click()
    assert workspace.pages.currentWidget() is workspace.backup_page
