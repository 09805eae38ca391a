"""The Bevakningar page through the real main window: a child report's two deadlines grouped
Försenat and Denna vecka, and a double-click opens the case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pytestqt.qtbot import QtBot

from tests.casework import adult, register
from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv, login_ok
from tests.ui.shots import save_shot
from vinr_desktop.domain.cases import IntakeKind
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.workspace import Workspace


def test_the_morning_page_groups_and_opens_the_case(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    services = CaseWorkServices.for_context(ctx)
    today = ctx.now().astimezone().date()
    ref = register(
        services,
        adult("Lilla", "Morgonsson-Fiktiv", birth=date(2016, 5, 5), serial=711),
        intake=date.fromordinal(today.toordinal() - 10),
        kind=IntakeKind.REPORT,
    )
    AuthService(ctx).logout()
    ctx.release()
    window = make_window()
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    window.resize(1366, 768)
    workspace.show_page("Bevakningar")
    page = workspace.deadlines_page
    assert page is not None
    qtbot.waitUntil(lambda: page.page is not None, timeout=WAIT_MS)
    groups = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert groups[0] == "Försenat (1)"
    late = page.tree.topLevelItem(0).child(0)
    assert [late.text(c) for c in range(3)] == [
        ref.number,
        "Lilla Morgonsson-Fiktiv",
        "Skyddsbedömning",
    ]
    assert page.summary.text() == "2 bevakningar, varav 1 försenade."
    save_shot(window, "bevakningar")
    page.tree.itemActivated.emit(late, 0)
    cases = workspace.cases_page
    assert cases is not None
    qtbot.waitUntil(lambda: isinstance(cases.case_panel, CasePanel), timeout=WAIT_MS)
    assert workspace.pages.currentWidget() is cases
