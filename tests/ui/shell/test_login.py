"""Login, failed attempts, forced password change, recovery, the demo store."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from tests.stores import ADMIN, ADMIN_NAME, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv, login, login_ok, wait_idle
from vinr_desktop.services.demo.register import DEMO_PASSWORD
from vinr_desktop.ui.common.widgets import DemoBanner
from vinr_desktop.ui.shell.login_page import LoginPage
from vinr_desktop.ui.shell.main_window import MainWindow, Screen
from vinr_desktop.ui.shell.password_dialog import ChangePasswordDialog
from vinr_desktop.ui.shell.recovery_dialog import RecoveryDialog
from vinr_desktop.ui.shell.start_page import StartPage
from vinr_desktop.ui.shell.workspace import Workspace

NEW_PASSWORD = "ett helt eget lösenord 9"


def _dialog(kind: type) -> object | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[0] if found else None


def test_login_failure_then_success(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    window = make_window()
    page = window.current
    assert isinstance(page, LoginPage)
    login(qtbot, window, ADMIN, "fel lösenord helt och hållet")
    assert window.screen_kind is Screen.LOGIN
    assert page.error.isVisible()
    assert page.error.text() == "Fel användarnamn eller lösenord."
    assert page.password.text() == ""
    assert page.login_button.isEnabled()

    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    assert workspace.user_button.text() == f"{ADMIN_NAME} (Handläggare, Administratör)"
    assert workspace.notice.text().startswith(
        "1 misslyckat inloggningsförsök sedan din senaste inloggning."
    )
    assert window.windowTitle() == "VINR Desktop"
    assert workspace.unit_label.text() == "Exempelby kommun (fiktiv) · VINR-enheten (fiktiv)"
    assert workspace.binding_label.text() == "Datorbindning: av"
    assert workspace.backup_label.text() == "Senaste säkerhetskopia: aldrig"


def test_enter_in_password_field_logs_in(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    window = make_window()
    page = window.current
    assert isinstance(page, LoginPage)
    page.username.setText(ADMIN)
    page.password.setText(ADMIN_PASSWORD)
    page.password.returnPressed.emit()
    qtbot.waitUntil(lambda: window.screen_kind is Screen.WORKSPACE, timeout=WAIT_MS)
    wait_idle(qtbot, window)


def test_failed_attempts_shown_after_next_success(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    window = make_window()
    for _ in range(3):
        login(qtbot, window, ADMIN, "inte mitt lösenord alls")
        env.wall.advance(60)
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    assert workspace.notice.isVisible()
    assert workspace.notice.text().startswith(
        "3 misslyckade inloggningsförsök sedan din senaste inloggning."
    )
    workspace.notice.close_button.click()
    assert not workspace.notice.isVisible()


def test_too_many_attempts_shows_the_wait(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    window = make_window()
    page = window.current
    assert isinstance(page, LoginPage)
    for _ in range(6):
        login(qtbot, window, ADMIN, "inte mitt lösenord alls")
    assert re.search(r"Vänta \d+ sekunder", page.error.text())


def test_forced_password_change_after_one_time_password(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    one_time = env.add_user("bo", "Bo Fiktivsson", {"caseworker"})
    window = make_window()
    login(qtbot, window, "bo", one_time)
    dialog = _dialog(ChangePasswordDialog)
    assert isinstance(dialog, ChangePasswordDialog)
    assert window.screen_kind is Screen.LOGIN  # nothing else before the password is changed

    dialog.old_password.setText(one_time)
    dialog.new_password.password.setText(NEW_PASSWORD)
    dialog.new_password.repeat.setText("något annat helt och hållet")
    dialog.ok_button.click()
    wait_idle(qtbot, window)
    assert dialog.error.text() == "De nya lösenorden är inte likadana."

    dialog.new_password.repeat.setText(NEW_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: window.screen_kind is Screen.WORKSPACE, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert not window.ctx.password_change_required


def test_cancelling_forced_change_logs_out(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    one_time = env.add_user("bo", "Bo Fiktivsson", {"caseworker"})
    window = make_window()
    login(qtbot, window, "bo", one_time)
    dialog = _dialog(ChangePasswordDialog)
    assert isinstance(dialog, ChangePasswordDialog)
    assert dialog.cancel_button.text() == "Logga ut"
    dialog.cancel_button.click()
    wait_idle(qtbot, window)
    assert window.screen_kind is Screen.LOGIN
    assert window.ctx.store is None
    assert window.ctx.user is None


def test_recovery_code_from_login(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    window = make_window()
    page = window.current
    assert isinstance(page, LoginPage)
    page.username.setText(ADMIN)
    page.forgot_link.click()
    dialog = _dialog(RecoveryDialog)
    assert isinstance(dialog, RecoveryDialog)
    dialog.code.setText(env.recovery_code.lower())
    dialog.new_password.password.setText(NEW_PASSWORD)
    dialog.new_password.repeat.setText(NEW_PASSWORD)
    dialog.submit_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.code_page, timeout=WAIT_MS)
    new_code = dialog.panel.code_label.text()
    assert new_code and new_code != env.recovery_code

    dialog.reject()  # not before the new code is confirmed
    assert dialog.isVisible()
    dialog.panel.confirm.setChecked(True)
    dialog._confirm()
    qtbot.waitUntil(lambda: window.screen_kind is Screen.WORKSPACE, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    # The new password works from now on.
    window.logout()
    login_ok(qtbot, window, ADMIN, NEW_PASSWORD)


def test_demo_store_from_start_page(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    start = window.current
    assert isinstance(start, StartPage)
    start.demo_button.click()
    qtbot.waitUntil(lambda: window.screen_kind is Screen.LOGIN, timeout=WAIT_MS)
    assert window.windowTitle() == "VINR Desktop — DEMO"
    page = window.current
    assert isinstance(page, LoginPage)
    assert page.findChildren(DemoBanner)
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert DEMO_PASSWORD in texts
    assert env.demo_folder.joinpath("vinr.db").exists()
    assert not env.folder.joinpath("vinr.db").exists()

    login_ok(qtbot, window, "handlaggare", DEMO_PASSWORD)
    assert window.current.findChildren(DemoBanner)  # type: ignore[union-attr]
    assert window.windowTitle() == "VINR Desktop — DEMO"


def test_change_own_password_from_workspace(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    window = logged_in_window()
    workspace = window.current
    assert isinstance(workspace, Workspace)
    workspace.password_action.trigger()
    dialog = _dialog(ChangePasswordDialog)
    assert isinstance(dialog, ChangePasswordDialog)
    assert dialog.cancel_button.text() == "Avbryt"
    dialog.old_password.setText(ADMIN_PASSWORD)
    dialog.new_password.password.setText(NEW_PASSWORD)
    dialog.new_password.repeat.setText(NEW_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: _dialog(ChangePasswordDialog) is None, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert window.screen_kind is Screen.WORKSPACE
    window.logout()
    login_ok(qtbot, window, ADMIN, NEW_PASSWORD)
