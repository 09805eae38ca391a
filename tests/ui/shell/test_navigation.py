"""Getting around: Ärenden in the sidebar takes an open case back to the list, and Ctrl+F
reaches the search from every page and from an open case."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv, login_ok, wait_idle
from tests.ui.journal.test_journal import new_case
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.cases.cases_page import CasesPage
from vinr_desktop.ui.cases.list_model import CASE_ID_ROLE
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.workspace import Workspace


def _with_a_case(qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]) -> Workspace:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    new_case(CaseWorkServices.for_context(ctx))
    AuthService(ctx).logout()
    ctx.release()
    window = make_window()
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    window.activateWindow()
    qtbot.waitActive(window)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    return workspace


def _open(qtbot: QtBot, page: CasesPage) -> CasePanel:
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=WAIT_MS)
    page.open_case(str(page.proxy.index(0, 0).data(CASE_ID_ROLE)))
    view = page.case_panel
    assert isinstance(view, CasePanel)
    qtbot.waitUntil(lambda: view.is_open, timeout=WAIT_MS)
    return view


def _click_page(workspace: Workspace, name: str) -> None:
    sidebar = workspace.sidebar
    item = sidebar.item(workspace.page_names.index(name))
    QTest.mouseClick(
        sidebar.viewport(), Qt.MouseButton.LeftButton, pos=sidebar.visualItemRect(item).center()
    )


def test_arenden_in_the_sidebar_returns_from_a_case_to_the_list(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    workspace = _with_a_case(qtbot, env, make_window)
    page = workspace.cases_page
    assert page is not None
    _open(qtbot, page)

    # To another page and back: the case is still where the user left it.
    _click_page(workspace, "Bevakningar")
    assert workspace.pages.currentWidget() is not page
    _click_page(workspace, "Ärenden")
    assert workspace.pages.currentWidget() is page and isinstance(page.case_panel, CasePanel)

    # Ärenden again, while it shows a case: back to the list.
    _click_page(workspace, "Ärenden")
    assert page.case_panel is None
    assert page.stack.currentWidget() is page.list_page and page.header.isVisible()

    # The keyboard way: Enter on Ärenden in the sidebar.
    _open(qtbot, page)
    workspace.sidebar.setFocus()
    QTest.keyClick(workspace.sidebar, Qt.Key.Key_Return)
    assert page.case_panel is None


def test_ctrl_f_reaches_the_search_from_every_page(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    workspace = _with_a_case(qtbot, env, make_window)
    page = workspace.cases_page
    assert page is not None
    window = workspace.window()
    assert len(workspace.page_names) > 3
    for name in workspace.page_names:
        workspace.show_page(name)
        workspace.sidebar.setFocus()
        QTest.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
        )
        assert workspace.pages.currentWidget() is page, name
        assert QApplication.focusWidget() is page.search, name

    view = _open(qtbot, page)
    view.tabs.setCurrentWidget(view.journal)
    view.journal.list_view.setFocus()
    QTest.keyClick(view.journal.list_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.case_panel is None
    assert QApplication.focusWidget() is page.search
    wait_idle(qtbot, window)  # type: ignore[arg-type]
