"""Typing is never lost to the lock: locking (or quitting) with the journal editor open saves
the draft before the store closes, even between two autosaves."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import ADMIN, ADMIN_PASSWORD, WAIT_MS, UiEnv, login_ok, wait_idle
from tests.ui.test_journal import new_case
from vinr_desktop.services.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.case_view import CaseView
from vinr_desktop.ui.lock_screen import LockScreen
from vinr_desktop.ui.main_window import MainWindow, Screen
from vinr_desktop.ui.workspace import Workspace

TYPED = "Fiktiv anteckning som skrevs precis innan datorn låstes."


def _open_editor(qtbot: QtBot, window: MainWindow) -> CaseView:
    workspace = window.current
    assert isinstance(workspace, Workspace)
    workspace.show_page("Ärenden")
    page = workspace.cases_page
    assert page is not None
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=WAIT_MS)
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    qtbot.waitUntil(lambda: isinstance(page.case_view, CaseView), timeout=WAIT_MS)
    view = page.case_view
    assert isinstance(view, CaseView)
    qtbot.waitUntil(lambda: view.is_open, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    view.tabs.setCurrentWidget(view.journal)
    view.journal.new_button.click()
    editor = view.journal.editor
    assert editor is not None
    editor.text.setPlainText(TYPED)  # no autosave has run yet
    return view


def _drafts(ctx_owner: MainWindow, case_id: str) -> list[str]:
    journal = CaseWorkServices.for_context(ctx_owner.ctx).journal
    return [d.text for d in journal.my_drafts(case_id)]


def test_lock_with_the_editor_open_saves_the_draft(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    case_id = new_case(CaseWorkServices.for_context(ctx))
    AuthService(ctx).logout()
    ctx.release()

    window = make_window()
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    _open_editor(qtbot, window)
    window.lock()
    qtbot.waitUntil(lambda: window.screen_kind is Screen.LOCKED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.ctx.store is None, timeout=WAIT_MS)
    screen = window.current
    assert isinstance(screen, LockScreen)
    screen.password.setText(ADMIN_PASSWORD)
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: window.screen_kind is Screen.WORKSPACE, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert _drafts(window, case_id) == [TYPED]


def test_quitting_with_the_editor_open_saves_the_draft(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    case_id = new_case(CaseWorkServices.for_context(ctx))
    AuthService(ctx).logout()
    ctx.release()

    window = make_window()
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    _open_editor(qtbot, window)
    window.close()

    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    drafts = CaseWorkServices.for_context(ctx).journal.my_drafts(case_id)
    assert [d.text for d in drafts] == [TYPED]
