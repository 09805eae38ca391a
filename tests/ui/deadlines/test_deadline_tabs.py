"""Bevakningar through the real main window: a double-click on a line opens the case on the
tab that answers it (Insatser for a missing vårdplan, Journal for an old draft), and the
handläggare's own choice of Bevakningar as her first page after login."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from tests.casework import adult, entry, register
from tests.services.care.test_care_services import granted, provider
from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv, login_ok, wait_idle
from tests.ui.shots import save_shot
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.accounts.profile import ProfileService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.deadlines.page import DeadlinesPage
from vinr_desktop.ui.shell.main_window import MainWindow, Screen
from vinr_desktop.ui.shell.workspace import Workspace


def _line(page: DeadlinesPage, text: str) -> QTreeWidgetItem:
    for g in range(page.tree.topLevelItemCount()):
        group = page.tree.topLevelItem(g)
        for c in range(group.childCount()):
            if group.child(c).text(2) == text:
                return group.child(c)
    raise AssertionError(f"no line {text!r}")


def _double_click(qtbot: QtBot, page: DeadlinesPage, item: QTreeWidgetItem) -> None:
    page.tree.scrollToItem(item)
    centre = page.tree.visualItemRect(item).center()
    # A real double-click: the first press and release, then the double-click (QTest's
    # mouseDClick alone sends no first press, so the view would not know the item pressed).
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_a_double_click_opens_the_tab_that_answers_the_line(
    qtbot: QtBot,
    env: UiEnv,
    logged_in_window: Callable[..., MainWindow],
) -> None:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    services = CaseWorkServices.for_context(ctx)
    ref = register(services, adult("Vera", "Vårdplansson-Fiktiv", serial=721))
    services.care.decisions.sign(ref.case_id, None, granted(provider(services.care)))
    services.journal.save_draft(ref.case_id, None, entry("Samtal.", date(2026, 2, 20)))
    register(services, adult("Lilla", "Barnsdotter-Fiktiv", birth=date(2017, 1, 9), serial=722))
    AuthService(ctx).logout()
    ctx.release()
    window = logged_in_window()
    window.resize(1366, 768)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    workspace.show_page("Bevakningar")
    page = workspace.deadlines_page
    assert page is not None
    qtbot.waitUntil(lambda: page.page is not None, timeout=WAIT_MS)
    care_line = _line(page, "Vårdplan saknas")
    assert care_line.text(3) == "sedan 2026-03-01"
    assert care_line.text(4) == "Stödsamtal från 2026-03-01"
    save_shot(window, "bevakningar-1366")
    cases = workspace.cases_page
    assert cases is not None
    for text, tab_name in (
        ("Vårdplan saknas", "care_tab"),
        ("Osignerad journalanteckning", "journal"),
    ):
        workspace.show_page("Bevakningar")
        wait_idle(qtbot, window)  # the page reloads when shown: click the reloaded lines
        _double_click(qtbot, page, _line(page, text))
        qtbot.waitUntil(lambda: isinstance(cases.case_panel, CasePanel), timeout=WAIT_MS)
        panel = cases.case_panel
        assert isinstance(panel, CasePanel)
        qtbot.waitUntil(lambda p=panel: p.is_open, timeout=WAIT_MS)
        assert workspace.pages.currentWidget() is cases
        assert panel.case_id == ref.case_id
        assert panel.tabs.currentWidget() is getattr(panel, tab_name)
    wait_idle(qtbot, window)
    save_shot(window, "case-on-its-journal-tab")


def test_bevakningar_as_her_first_page_after_login(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    window = make_window()
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    assert workspace.pages.currentWidget() is workspace.cases_page  # Ärenden by default
    action = workspace.start_page_action
    assert action.isVisible() and not action.isChecked()
    action.trigger()
    qtbot.waitUntil(
        lambda: workspace.notice.label.text() == "Bevakningar visas först när du loggar in.",
        timeout=WAIT_MS,
    )
    window.logout()
    qtbot.waitUntil(lambda: window.screen_kind is Screen.LOGIN, timeout=WAIT_MS)
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    again = window.current
    assert isinstance(again, Workspace)
    qtbot.waitUntil(lambda: again.pages.currentWidget() is again.deadlines_page, timeout=WAIT_MS)
    assert again.start_page_action.isChecked()
    assert again.sidebar.currentItem().text() == "Bevakningar"
    # Her choice is hers alone: read back through the service as she set it.
    assert ProfileService(window.ctx).own_start_page() == "deadlines"
    again.start_page_action.trigger()  # back to Ärenden
    qtbot.waitUntil(lambda: ProfileService(window.ctx).own_start_page() == "cases", timeout=WAIT_MS)
