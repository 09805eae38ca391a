"""Typing is never lost to the lock: locking (or quitting) with the journal editor open saves
the draft before the store closes, even between two autosaves; and unlocking takes the user
back to the same case, tab and draft, whichever editor it was and however the lock came (Ctrl+L
typed in the modal editor, the Lås button of its case banner, or the idle timer)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from tests.services.care.test_care_services import granted, provider
from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv, wait_idle
from tests.ui.journal.test_journal import new_case
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.care.plan_editor import CarePlanEditor
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.cases.list_model import CASE_ID_ROLE
from vinr_desktop.ui.common.case_banner import CaseBanner
from vinr_desktop.ui.risk.safety_plan_dialog import SafetyPlanDialog
from vinr_desktop.ui.shell.lock_screen import LockScreen
from vinr_desktop.ui.shell.main_window import MainWindow, Screen
from vinr_desktop.ui.shell.workspace import Workspace

TYPED = "Fiktiv anteckning som skrevs precis innan datorn låstes."


def _open_editor(qtbot: QtBot, window: MainWindow) -> CasePanel:
    workspace = window.current
    assert isinstance(workspace, Workspace)
    workspace.show_page("Ärenden")
    page = workspace.cases_page
    assert page is not None
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=WAIT_MS)
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    qtbot.waitUntil(lambda: isinstance(page.case_panel, CasePanel), timeout=WAIT_MS)
    view = page.case_panel
    assert isinstance(view, CasePanel)
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
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    case_id = new_case(CaseWorkServices.for_context(ctx))
    AuthService(ctx).logout()
    ctx.release()

    window = logged_in_window()
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
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    case_id = new_case(CaseWorkServices.for_context(ctx))
    AuthService(ctx).logout()
    ctx.release()

    window = logged_in_window()
    _open_editor(qtbot, window)
    window.close()

    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    drafts = CaseWorkServices.for_context(ctx).journal.my_drafts(case_id)
    assert [d.text for d in drafts] == [TYPED]


# -- back where she was ---------------------------------------------------------------------


@dataclass
class Kind:
    """One kind of draft editor: how to open it and type, and how to find it again."""

    name: str
    tab: Callable[[CasePanel], QWidget]
    open: Callable[[QtBot, CasePanel], QDialog]
    type_in: Callable[[QDialog], None]
    typed: Callable[[QDialog], str]
    find: Callable[[CasePanel], QDialog | None]


def _open_journal(qtbot: QtBot, view: CasePanel) -> QDialog:
    view.journal.new_button.click()
    assert view.journal.editor is not None
    return view.journal.editor


def _open_care_plan(qtbot: QtBot, view: CasePanel) -> QDialog:
    tab = view.care_tab
    qtbot.waitUntil(lambda: tab.snapshot is not None and tab.table.rowCount() == 1)
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: "plan_edit" in tab.panel.buttons, timeout=WAIT_MS)
    tab.panel.buttons["plan_edit"].click()
    qtbot.waitUntil(lambda: isinstance(tab.care_actions.dialog, CarePlanEditor), timeout=WAIT_MS)
    assert tab.care_actions.dialog is not None
    return tab.care_actions.dialog


def _open_safety_plan(qtbot: QtBot, view: CasePanel) -> QDialog:
    tab = view.risk_tab
    qtbot.waitUntil(lambda: tab.snapshot is not None, timeout=WAIT_MS)
    assert tab.snapshot is not None
    tab.open_plan(tab.snapshot.persons[0].person_id)
    plans = tab.plan_dialog
    assert isinstance(plans, SafetyPlanDialog)
    qtbot.waitUntil(lambda: plans.new_button.isEnabled(), timeout=WAIT_MS)
    plans.new_button.click()
    qtbot.waitUntil(lambda: plans.editor is not None, timeout=WAIT_MS)
    assert plans.editor is not None
    return plans.editor


def _open_assessment(qtbot: QtBot, view: CasePanel) -> QDialog:
    tab = view.risk_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT_MS)
    tab.open_row(0)
    qtbot.waitUntil(lambda: tab.assessment_dialog is not None, timeout=WAIT_MS)
    assert tab.assessment_dialog is not None
    return tab.assessment_dialog


def _safety_editor(view: CasePanel) -> QDialog | None:
    plans = view.risk_tab.plan_dialog
    return plans.editor if isinstance(plans, SafetyPlanDialog) else None


KINDS = [
    Kind(
        "journal",
        lambda v: v.journal,
        _open_journal,
        lambda d: d.text.setPlainText(TYPED),  # type: ignore[attr-defined]
        lambda d: d.text.toPlainText(),  # type: ignore[attr-defined]
        lambda v: v.journal.editor,
    ),
    Kind(
        "vårdplan",
        lambda v: v.care_tab,
        _open_care_plan,
        lambda d: d.participation.setPlainText(TYPED),  # type: ignore[attr-defined]
        lambda d: d.participation.toPlainText(),  # type: ignore[attr-defined]
        lambda v: v.care_tab.care_actions.dialog,
    ),
    Kind(
        "säkerhetsplan",
        lambda v: v.risk_tab,
        _open_safety_plan,
        lambda d: d.edits["contacts"].setPlainText(TYPED),  # type: ignore[attr-defined]
        lambda d: d.edits["contacts"].toPlainText(),  # type: ignore[attr-defined]
        _safety_editor,
    ),
    Kind(
        "bedömning",
        lambda v: v.risk_tab,
        _open_assessment,
        lambda d: None,
        lambda d: TYPED,
        lambda v: v.risk_tab.assessment_dialog,
    ),
]


def _case_with_drafts(env: UiEnv) -> str:
    """A case with a signed insats (and a vårdplan draft started) and an assessment draft."""
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    services = CaseWorkServices.for_context(ctx)
    case_id = new_case(services)
    care = services.care
    decision = care.decisions.sign(case_id, None, granted(provider(care)))
    care.care_plans.start(case_id, decision)
    main = services.cases.details(case_id).main_person
    assert main is not None
    services.risk.start(case_id, "vinr-riskfaktorer", main.person_id)
    AuthService(ctx).logout()
    ctx.release()
    return case_id


def _open_the_case(qtbot: QtBot, window: MainWindow) -> CasePanel:
    workspace = window.current
    assert isinstance(workspace, Workspace)
    page = workspace.cases_page
    assert page is not None
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=WAIT_MS)
    page.open_case(str(page.proxy.index(0, 0).data(CASE_ID_ROLE)))
    view = page.case_panel
    assert isinstance(view, CasePanel)
    qtbot.waitUntil(lambda: view.is_open, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    return view


def _unlock(qtbot: QtBot, window: MainWindow) -> CasePanel:
    qtbot.waitUntil(lambda: window.screen_kind is Screen.LOCKED, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.ctx.store is None, timeout=WAIT_MS)
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]
    screen = window.current
    assert isinstance(screen, LockScreen)
    screen.password.setText(ADMIN_PASSWORD)
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: window.screen_kind is Screen.WORKSPACE, timeout=WAIT_MS)
    workspace = window.current
    assert isinstance(workspace, Workspace) and workspace.cases_page is not None
    page = workspace.cases_page
    qtbot.waitUntil(lambda: isinstance(page.case_panel, CasePanel), timeout=WAIT_MS)
    view = page.case_panel
    assert isinstance(view, CasePanel)
    qtbot.waitUntil(lambda: view.is_open, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    return view


# Every editor and every way to lock, without the whole cross product (each costs a store).
JOURNAL, CARE_PLAN, SAFETY_PLAN, ASSESSMENT = KINDS
WAYS = [
    (JOURNAL, "ctrl-l"),
    (JOURNAL, "lås-knappen"),
    (JOURNAL, "idle"),
    (CARE_PLAN, "idle"),
    (SAFETY_PLAN, "ctrl-l"),  # an editor over a dialog over the main window
    (ASSESSMENT, "lås-knappen"),
]


@pytest.mark.parametrize(("kind", "how"), WAYS, ids=[f"{k.name}-{h}" for k, h in WAYS])
def test_unlocking_returns_to_the_case_tab_and_draft(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow], kind: Kind, how: str
) -> None:
    case_id = _case_with_drafts(env)
    window = logged_in_window()
    view = _open_the_case(qtbot, window)
    view.tabs.setCurrentWidget(kind.tab(view))
    wait_idle(qtbot, window)
    editor = kind.open(qtbot, view)
    wait_idle(qtbot, window)
    kind.type_in(editor)  # the lock comes before the autosave
    if how == "ctrl-l":
        # Typed where the user is: in the modal editor, which blocks the main window.
        assert QApplication.activeModalWidget() is editor
        target = editor.focusWidget() or editor
        qtbot.keyClick(target, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    elif how == "lås-knappen":
        banner = editor.findChild(CaseBanner)  # the main window's button is blocked
        assert isinstance(banner, CaseBanner) and banner.isVisible()
        banner.lock_button.click()
    else:
        env.idle_clock.advance(5 * 60 + 1)

    view = _unlock(qtbot, window)
    assert view.case_id == case_id
    assert view.tabs.currentWidget() is kind.tab(view)
    qtbot.waitUntil(lambda: kind.find(view) is not None, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    again = kind.find(view)
    assert again is not None and again.isVisible()
    assert kind.typed(again) == TYPED
    if kind.name == "journal":
        assert _drafts(window, case_id) == [TYPED]  # the same draft, not a second one
