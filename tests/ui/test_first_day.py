"""What a first working day tripped on, through the real main window: a decision in a unit
whose provider register is still empty (Ny utförare… inside the decision), a review date that
brings the follow-up forward, the case moved on after the decision is signed, and reporters of
every kind in Nytt ärende.

Set FIRSTDAY_SHOTS to a folder to also save screenshots of these screens at 1366x768.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.care.test_care_flow import open_case
from tests.ui.conftest import WAIT_MS, UiEnv, login_ok, open_dialog, wait_idle
from tests.ui.journal.test_journal import new_case
from vinr_desktop.domain.decisions import DecisionOutcome
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.care.decision_dialog import DecisionDialog
from vinr_desktop.ui.care.provider_dialog import ProviderDialog
from vinr_desktop.ui.cases.new_case_dialog import NewCaseDialog
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.workspace import Workspace

SHOTS = os.environ.get("FIRSTDAY_SHOTS", "")


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def set_date(edit: object, value: date) -> None:
    edit.setDate(QDate(value.year, value.month, value.day))  # type: ignore[attr-defined]


def test_a_decision_with_a_new_provider_a_review_date_and_the_case_moved_on(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    new_case(CaseWorkServices.for_context(ctx))  # an adult's case, "Aktualiserad"
    AuthService(ctx).logout()
    ctx.release()

    window = make_window()
    window.resize(1366, 768)
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = open_case(qtbot, window)
    assert view.status_chip.text() == "Aktualiserad"
    tab = view.care_tab
    view.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.snapshot is not None, timeout=WAIT_MS)
    tab.new_button.click()
    qtbot.waitUntil(lambda: isinstance(tab.care_actions.dialog, DecisionDialog), timeout=WAIT_MS)
    dialog = tab.care_actions.dialog
    assert isinstance(dialog, DecisionDialog)
    wait_idle(qtbot, window)

    # The register is empty: the dialog says so and offers Ny utförare… right there.
    assert dialog.provider.count() == 1  # "Välj utförare…" only
    assert dialog.provider_hint.text() == (
        "Registret har inga utförare än: lägg till en med Ny utförare…"
    )
    assert dialog.new_provider_button.isVisible()
    dialog.new_provider_button.click()
    qtbot.waitUntil(lambda: isinstance(dialog.provider_dialog, ProviderDialog), timeout=WAIT_MS)
    form = dialog.provider_dialog
    assert isinstance(form, ProviderDialog) and form.isVisible()
    form.name.setText("Kvinnojouren Exempelby (fiktiv)")
    form.kind.setCurrentIndex(form.kind.findData("kvinnojour"))
    form.postal_code.setText("84131")
    form.takes_children.setChecked(True)
    shot(form, "provider-dialog-from-decision")
    form.save_button.click()
    qtbot.waitUntil(lambda: dialog.provider.count() == 2, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert dialog.provider.currentText() == "Kvinnojouren Exempelby (fiktiv) (Kvinnojour)"
    assert not dialog.provider_hint.isVisibleTo(dialog)
    saved = window_services(window).care.providers.list_providers()
    assert [(p.name, p.postal_code) for p in saved] == [
        ("Kvinnojouren Exempelby (fiktiv)", "841 31")  # stored as written, not as typed
    ]

    dialog.outcome.setCurrentIndex(dialog.outcome.findData(DecisionOutcome.GRANTED.value))
    set_date(dialog.applied_on, date(2026, 2, 20))
    set_date(dialog.decided_on, date(2026, 2, 25))
    dialog.insats.setCurrentIndex(dialog.insats.findData("stodsamtal"))
    # Not a ground for one person's decision: never offered.
    assert dialog.ground.findData("sol2025_utan_behovsprovning") == -1
    dialog.ground.setCurrentIndex(dialog.ground.findData("sol2025_bistand"))
    assert dialog.ground.currentText() == (
        "Rätt till insatser, 11 kap. 1 § socialtjänstlagen (2025:400)"
    )
    set_date(dialog.period_from, date(2026, 3, 1))
    dialog.period_to.set_value(None)  # tills vidare …
    dialog.review_on.set_value(date(2026, 5, 31))  # … omprövas efter tre månader
    dialog.extent.setText("3 månader, därefter omprövning")
    dialog.motivation.setPlainText("Klienten behöver stöd efter våldet (fiktivt).")
    dialog.resize(760, 700)
    shot(dialog, "decision-dialog")
    dialog.sign_button.click()
    box = dialog.confirm_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()

    # Signed in a case that still says Aktualiserad: the program asks to move it on.
    qtbot.waitUntil(lambda: tab.care_actions.question is not None, timeout=WAIT_MS)
    question = tab.care_actions.question
    assert question is not None
    assert "står som Aktualiserad" in question.text()
    assert "Beslut/insats pågår" in question.text()
    move = question.button(QMessageBox.StandardButton.Yes)
    assert move is not None and move.text() == "Flytta till Beslut/insats pågår"
    stay = question.button(QMessageBox.StandardButton.No)
    assert stay is not None and stay.text() == "Inte nu"
    shot(question, "decision-status-question")
    move.click()
    qtbot.waitUntil(lambda: view.status_chip.text() == "Beslut/insats pågår", timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert not view.next_button.isVisibleTo(view)  # no "Nästa steg: Utredning" any more

    # The follow-up is due at the review date, not six months on.
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: tab.panel.next_chip is not None, timeout=WAIT_MS)
    chip = tab.panel.next_chip
    assert chip is not None
    qtbot.waitUntil(lambda: "2026-05-31" in chip.text(), timeout=WAIT_MS)
    shot(window, "insatser-after-decision")

    # Åtkomst: the signed decision in words ("Beslut: bifall"), never "Skäl: granted".
    access = view.access_tab
    view.tabs.setCurrentWidget(access)
    model = access.events.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    rows = [model.row_at(r) for r in range(model.rowCount())]
    signed = next(r for r, e in enumerate(rows) if e is not None and e.action == "decision_signed")
    access.events.table.selectRow(signed)
    qtbot.waitUntil(lambda: "Beslut: bifall" in access.events.pane.text(), timeout=WAIT_MS)
    assert "Skäl" not in access.events.pane.text()
    assert "granted" not in access.events.pane.text()
    shot(window, "access-tab-decision-in-words")


def window_services(window: MainWindow) -> CaseWorkServices:
    return CaseWorkServices.for_context(window.ctx)


def test_new_case_reporters_come_from_the_list(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    window = make_window()
    window.resize(1366, 768)
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    workspace.show_page("Ärenden")
    page = workspace.cases_page
    assert page is not None
    page.new_case()
    dialog = open_dialog(qtbot, NewCaseDialog)
    offered = [dialog.reporter.itemText(i) for i in range(dialog.reporter.count())]
    for kind in ("Polisen", "Skola eller förskola", "Hälso- och sjukvården"):
        assert kind in offered
    assert "Kvinnojour eller tjejjour" in offered
    assert not dialog.reporter_text.isVisibleTo(dialog)  # "Ingen anmälare": nothing to add
    dialog.intake_kind.setCurrentIndex(dialog.intake_kind.findText("Anmälan/orosanmälan"))
    assert dialog.reporter.currentIndex() == -1  # a report: asked for, not guessed
    assert dialog.reporter.placeholderText() == "Välj vem som anmälde…"
    dialog.reporter.setCurrentIndex(dialog.reporter.findText("Kvinnojour eller tjejjour"))
    assert dialog.reporter_text.isVisibleTo(dialog)
    assert dialog.reporter_text_label.text() == "Uppgift om anmälaren"
    dialog.reporter_text.setText("Jouren i Exempelby (fiktiv)")
    shot(dialog, "new-case-reporter")
    dialog.reporter.setCurrentIndex(dialog.reporter.findText("Privatperson"))
    assert dialog.reporter_text_label.text() == "Vem *"
    dialog.reject()
