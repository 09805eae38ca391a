"""Hembesök through the real main window: plan a visit in the case, print its besöksplan,
start it — the program narrows to the case (no list, search, other pages or other case, and
the services refuse too), F12 blanks the screen at once, a lock returns into the mode on the
same tab, and leaving needs the password. Screenshots at 1366×768 when VINR_SHOTS names a
folder."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from tests.casework import SECRET_STREET, adult, protected_adult, register
from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv, open_dialog, wait_idle
from vinr_desktop.domain.errors import AccessDenied
from vinr_desktop.domain.home_visits import AGREED_ADDRESS, Answer
from vinr_desktop.domain.journal import EntryKind
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.common.document_preview import DocumentPreviewDialog
from vinr_desktop.ui.home_visits.client_view import ClientViewDialog
from vinr_desktop.ui.home_visits.finish_dialog import FinishVisitDialog, LeaveModeDialog
from vinr_desktop.ui.home_visits.plan_dialog import PlanVisitDialog
from vinr_desktop.ui.home_visits.screen_guard import NEUTRAL_TITLE, GuardScreen
from vinr_desktop.ui.home_visits.tab import HomeVisitsTab
from vinr_desktop.ui.journal.editor import JournalEditor
from vinr_desktop.ui.shell.main_window import MainWindow, Screen
from vinr_desktop.views.cases import CaseRef

OTHER_FIRST, OTHER_LAST = "Annan", "Klientsson-Fiktiv"


def shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("VINR_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def make_cases(env: UiEnv) -> tuple[CaseRef, CaseRef]:
    env.create_store()
    ctx = env.context()
    auth = AuthService(ctx)
    auth.login(ADMIN, ADMIN_PASSWORD)
    services = CaseWorkServices.for_context(ctx)
    visited = register(services, protected_adult())
    other = register(services, adult(OTHER_FIRST, OTHER_LAST, serial=321))
    auth.logout()
    ctx.release()
    return visited, other


def visible_texts(window: QWidget) -> str:
    """Every text a widget of the window shows now (labels, buttons, fields, tabs, tables),
    and every action's text."""
    parts: list[str] = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            parts.append(widget.text())
        elif isinstance(widget, QTabBar):
            parts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root = QModelIndex()
            for r in range(model.rowCount(root)):
                columns = (
                    model.columnCount(root) if not isinstance(model, QAbstractListModel) else 1
                )
                for c in range(columns):
                    parts.append(str(model.index(r, c).data() or ""))
    parts += [a.text() for a in window.findChildren(QAction)]
    return "\n".join(parts)


def open_case_panel(qtbot: QtBot, window: MainWindow, case_id: str) -> CasePanel:
    workspace = window.workspace
    assert workspace is not None and workspace.cases_page is not None
    workspace.cases_page.open_case(case_id)
    panel = workspace.cases_page.case_panel
    assert isinstance(panel, CasePanel)
    qtbot.waitUntil(lambda: panel.is_open, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    return panel


@pytest.fixture
def visit_window(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> tuple[MainWindow, CaseRef, CaseRef]:
    visited, other = make_cases(env)
    window = logged_in_window()
    window.resize(1366, 768)
    panel = open_case_panel(qtbot, window, visited.case_id)
    tab = panel.findChild(HomeVisitsTab)
    assert tab is not None
    panel.tabs.setCurrentWidget(tab)

    tab.plan_button.click()
    dialog = open_dialog(qtbot, PlanVisitDialog)
    assert dialog.address.text() == AGREED_ADDRESS and not dialog.address.isEnabled()
    dialog.purpose.setText("Samtal om säkerhetsplanen")
    dialog.companions.setText("Kollega Bo Fiktiv")
    for question in dialog.answers:
        dialog.answer(question, Answer.NO)
    dialog.answer("dogs", Answer.YES)
    shot(dialog, "plan_dialog")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    tab.table.selectRow(0)
    shot(window, "case_visits_tab")

    tab.print_button.click()
    preview = open_dialog(qtbot, DocumentPreviewDialog)
    pdf = tab.printer.preview._document.pdf  # type: ignore[union-attr]
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert AGREED_ADDRESS in text and SECRET_STREET.split()[0] not in text
    if os.environ.get("VINR_SHOTS"):
        (Path(os.environ["VINR_SHOTS"]) / "besoksplan.pdf").write_bytes(pdf)
    preview.reject()

    assert tab.start_button.isEnabled()
    tab.start_button.click()
    qtbot.waitUntil(
        lambda: window.workspace is not None and window.workspace.visit_page is not None,
        timeout=WAIT_MS,
    )
    wait_idle(qtbot, window)
    return window, visited, other


def test_visit_mode_reaches_only_the_visited_case(
    qtbot: QtBot, visit_window: tuple[MainWindow, CaseRef, CaseRef]
) -> None:
    window, visited, other = visit_window
    workspace = window.workspace
    assert workspace is not None and workspace.visit_page is not None
    panel = workspace.visit_page.case_panel
    qtbot.waitUntil(lambda: panel.is_open, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    shot(window, "visit_mode")

    assert workspace.page_names == ["Hembesök"]
    assert workspace.cases_page is None and not workspace.find_shortcut.isEnabled()
    assert not panel.back_button.isVisible()
    assert window.windowTitle() == "VINR Desktop"
    for tab in range(panel.tabs.count()):  # every tab of the case, every widget on it
        panel.tabs.setCurrentIndex(tab)
        wait_idle(qtbot, window)
        shown = visible_texts(window)
        assert visited.number in shown
        assert other.number not in shown and OTHER_LAST not in shown and "321" not in shown
    # Klientvy: only her own signed plans and follow-ups (none yet), nothing to print.
    workspace.visit_page.client_button.click()
    client = open_dialog(qtbot, ClientViewDialog)
    qtbot.waitUntil(lambda: client.empty.isVisible(), timeout=WAIT_MS)
    assert client.findChildren(QPushButton) == [client.close_button]
    client.close_button.click()
    # A note from the visit: the journal's editor, as a hembesök entry.
    workspace.visit_page.note_button.click()
    editor = open_dialog(qtbot, JournalEditor)
    assert editor.kind.currentData() == EntryKind.HOME_VISIT.value
    editor.close_button.click()
    wait_idle(qtbot, window)
    # Ctrl+F finds no search: there is none.
    qtbot.keyClick(workspace, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert workspace.page_names == ["Hembesök"]
    # Every action of the window (the account menu, the case's shortcuts …), triggered: none
    # leads to another case's number, name or personnummer in any window.
    actions = [a for a in window.findChildren(QAction) if a.isEnabled() and a.text()]
    assert {"Mina kontaktuppgifter…", "Byt lösenord…"} <= {a.text() for a in actions}
    for action in actions:
        action.trigger()
        wait_idle(qtbot, window)
        for top in QApplication.topLevelWidgets():
            if top.isVisible():
                shown = visible_texts(top)
                assert other.number not in shown and OTHER_LAST not in shown
        window.close_other_windows()
    assert window.workspace is workspace and workspace.page_names == ["Hembesök"]
    window.resize(window.minimumSize())
    QApplication.processEvents()
    shot(window, "visit_mode_minimum")
    window.resize(1366, 768)
    # Below the UI: the services refuse every other case, the list and the search.
    services = workspace.casework
    for call in (
        lambda: services.cases.open_case(other.case_id),
        lambda: services.cases.list_cases(),
        lambda: services.search.search(OTHER_LAST),
    ):
        with pytest.raises(AccessDenied):
            call()


def test_f12_blanks_at_once_and_unlock_returns_into_the_mode_on_the_same_tab(
    qtbot: QtBot, visit_window: tuple[MainWindow, CaseRef, CaseRef]
) -> None:
    window, visited, _other = visit_window
    workspace = window.workspace
    assert workspace is not None and workspace.visit_page is not None
    panel = workspace.visit_page.case_panel
    qtbot.waitUntil(lambda: panel.is_open, timeout=WAIT_MS)
    panel.tabs.setCurrentIndex(1)  # Journal
    qtbot.keyClick(panel.tabs, Qt.Key.Key_F12)
    QApplication.processEvents()  # one turn of the event loop
    assert window.screen_kind is Screen.LOCKED
    assert isinstance(window.current, GuardScreen)
    shown = visible_texts(window)
    assert visited.number not in shown and "Ada" not in shown and "VINR" not in shown
    assert window.windowTitle() == NEUTRAL_TITLE
    shot(window, "screen_guard")

    screen = window.current
    screen.password.setText("fel lösenord igen och igen")
    screen.continue_button.click()
    qtbot.waitUntil(lambda: bool(screen.error.text()), timeout=WAIT_MS)
    assert window.screen_kind is Screen.LOCKED
    screen.password.setText(ADMIN_PASSWORD)
    screen.continue_button.click()
    qtbot.waitUntil(lambda: window.screen_kind is Screen.WORKSPACE, timeout=WAIT_MS)
    again = window.workspace
    assert again is not None and again.visit_page is not None
    panel = again.visit_page.case_panel
    qtbot.waitUntil(lambda: panel.is_open and panel.tabs.currentIndex() == 1, timeout=WAIT_MS)
    assert again.page_names == ["Hembesök"]

    window.lock()  # Ctrl+L, idle or the lid: during a visit also the neutral screen
    assert isinstance(window.current, GuardScreen)


def test_leaving_needs_the_password_and_checking_out_writes_the_journal(
    qtbot: QtBot, visit_window: tuple[MainWindow, CaseRef, CaseRef]
) -> None:
    window, visited, other = visit_window
    workspace = window.workspace
    assert workspace is not None and workspace.visit_page is not None
    workspace.visit_page.leave_button.click()
    dialog = open_dialog(qtbot, LeaveModeDialog)
    dialog.password.setText("inte mitt lösenord alls")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "Fel lösenord" in dialog.error.text(), timeout=WAIT_MS)
    assert window.workspace is workspace and workspace.visit_page is not None
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: window.workspace is not None and window.workspace.cases_page is not None,
        timeout=WAIT_MS,
    )
    wait_idle(qtbot, window)
    assert "Bevakningar" in window.workspace.page_names  # the whole program is back

    # The visit stays planned; checking out from the case writes the signed entry.
    panel = open_case_panel(qtbot, window, visited.case_id)
    tab = panel.findChild(HomeVisitsTab)
    assert tab is not None
    panel.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT_MS)
    tab.table.selectRow(0)
    tab.finish_button.click()
    finish = open_dialog(qtbot, FinishVisitDialog)
    finish.participants.setText("Klienten, Kollega Bo Fiktiv")
    shot(finish, "finish_dialog")
    finish.ok_button.click()
    qtbot.waitUntil(lambda: not isValid(finish) or not finish.isVisible(), timeout=WAIT_MS)
    wait_idle(qtbot, window)
    entries = window.workspace.casework.journal.timeline(visited.case_id)  # type: ignore[union-attr]
    texts = [e.text for e in getattr(entries, "entries", entries)]
    assert any(t.startswith("Hembesök genomfört.") for t in texts)
    assert other.case_id  # the other case was never touched


def test_an_open_visit_returns_at_login_and_is_overdue_after_its_time(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    """A visit started, the program closed (battery, restart): the next login goes back into
    the mode, and past the time back the banner and, after leaving the mode, the red line say
    what to do."""
    from datetime import timedelta

    from vinr_desktop.domain.home_visits import Consent, VisitPlanInput
    from vinr_desktop.services.home_visits.visits import HomeVisitService

    visited, other = make_cases(env)
    ctx = env.context()
    auth = AuthService(ctx)
    auth.login(ADMIN, ADMIN_PASSWORD)
    visits = HomeVisitService(ctx)
    start = env.wall.now
    visit_id = visits.plan(
        visited.case_id,
        VisitPlanInput(
            start,
            start + timedelta(hours=2),
            "",
            "Samtal",
            Consent.GIVEN,
            "",
            "",
            {q.id: Answer.NO for q in visits.risk_questions()},
            "",
        ),
    )
    visits.start(visited.case_id, visit_id)
    auth.logout()
    ctx.release()
    env.wall.advance(5 * 3600)  # the injected clock: three hours past the time back

    window = logged_in_window()
    window.resize(1366, 768)
    workspace = window.workspace
    assert workspace is not None and workspace.visit_page is not None
    assert "Ring din kollega" in workspace.visit_page.back_label.text()
    assert workspace.page_names == ["Hembesök"]
    shot(window, "visit_mode_overdue")
    assert other.number not in visible_texts(window)

    workspace.visit_page.leave_button.click()
    dialog = open_dialog(qtbot, LeaveModeDialog)
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: window.workspace is not None and window.workspace.cases_page is not None,
        timeout=WAIT_MS,
    )
    line = window.workspace.overdue_line
    qtbot.waitUntil(line.isVisible, timeout=WAIT_MS)
    assert "Hembesök ej avslutat – ring din kollega" in line.text()
    wait_idle(qtbot, window)
    shot(window, "overdue_line")
