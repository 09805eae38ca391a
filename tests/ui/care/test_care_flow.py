"""Issue 6 through the real main window: a decision signed, a vårdplan written (autosaved) and
signed, printed for the provider and saved as PDF after the confirmation (the file's text read
back: the goals, not the protected address; the save audited with its recipient), then the
genomförandeplan requested long ago shows its reminder as overdue, a follow-up with the
client proposes the next date from the interval setting, and its decision to change starts the
vårdplan's next version (version 1 stays viewable).

Set CARE_SHOTS to a folder to also save screenshots of each screen at 1366x768.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv, login_ok, wait_idle
from tests.ui.journal.test_journal import new_case
from vinr_desktop.domain.decisions import DecisionOutcome
from vinr_desktop.domain.follow_ups import FollowUpDecision
from vinr_desktop.domain.providers import ProviderInput
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.care.decision_dialog import DecisionDialog
from vinr_desktop.ui.care.disclosure_dialog import DisclosureDialog
from vinr_desktop.ui.care.follow_up_dialog import FollowUpDialog
from vinr_desktop.ui.care.implementation_plan import RequestDialog
from vinr_desktop.ui.care.plan_editor import CarePlanEditor
from vinr_desktop.ui.care.plan_viewer import CarePlanViewer
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.workspace import Workspace

SHOTS = os.environ.get("CARE_SHOTS", "")


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def yes(box: QMessageBox | None, which: QMessageBox.StandardButton) -> None:
    assert box is not None
    button = box.button(which)
    assert button is not None
    button.click()


def set_date(edit: object, value: date) -> None:
    edit.setDate(QDate(value.year, value.month, value.day))  # type: ignore[attr-defined]


def open_case(qtbot: QtBot, window: MainWindow) -> CasePanel:
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
    return view


def test_decision_plan_print_reminder_and_follow_up(
    qtbot: QtBot,
    env: UiEnv,
    make_window: Callable[[], MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    services = CaseWorkServices.for_context(ctx)
    new_case(services, protected=True)  # address "Fiktiva gatan 1", protected
    services.care.providers.add(
        ProviderInput(name="Kvinnojouren Fiktiva", kind="kvinnojour", takes_children=True)
    )
    AuthService(ctx).logout()
    ctx.release()

    window = make_window()
    window.resize(1366, 768)
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = open_case(qtbot, window)
    shot(window, "case_overview")
    tab = view.care_tab
    view.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.snapshot is not None, timeout=WAIT_MS)
    assert tab.empty_label.isVisibleTo(tab)
    shot(window, "insatser_empty")

    # Beslut: granted, signed.
    tab.new_button.click()
    qtbot.waitUntil(lambda: isinstance(tab.care_actions.dialog, DecisionDialog), timeout=WAIT_MS)
    dialog = tab.care_actions.dialog
    assert isinstance(dialog, DecisionDialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(DecisionOutcome.GRANTED.value))
    set_date(dialog.applied_on, date(2026, 2, 20))
    set_date(dialog.decided_on, date(2026, 2, 25))
    dialog.insats.setCurrentIndex(dialog.insats.findData("stodsamtal"))
    dialog.ground.setCurrentIndex(dialog.ground.findData("sol2025_bistand"))
    assert dialog.provider.count() == 2
    dialog.provider.setCurrentIndex(1)
    set_date(dialog.period_from, date(2026, 3, 1))
    dialog.period_to.set_value(date(2026, 8, 31))
    dialog.extent.setText("Ett samtal i veckan")
    dialog.motivation.setPlainText("Klienten behöver stöd efter våldet (fiktivt).")
    shot(dialog, "decision_dialog")
    dialog.sign_button.click()
    yes(dialog.confirm_box, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=WAIT_MS)
    # The case still says Aktualiserad: the program asks to move it on.
    qtbot.waitUntil(lambda: tab.care_actions.question is not None, timeout=WAIT_MS)
    yes(tab.care_actions.question, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: view.status_chip.text() == "Beslut/insats pågår", timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert tab.care_actions.question is None
    assert "plan_edit" in tab.panel.buttons
    shot(window, "insatser_decision")

    # Vårdplan: two goals, autosaved, signed.
    tab.panel.buttons["plan_edit"].click()
    qtbot.waitUntil(lambda: isinstance(tab.care_actions.dialog, CarePlanEditor), timeout=WAIT_MS)
    editor = tab.care_actions.dialog
    assert isinstance(editor, CarePlanEditor)
    editor.goals.rows[0].text.setPlainText("Känna sig trygg i sitt boende")
    editor.goals.rows[0].indicator.setPlainText("Sover hela nätter enligt klienten")
    editor.goals.add_goal()
    editor.goals.rows[1].text.setPlainText("Ha en egen ekonomi")
    editor.goals.rows[1].indicator.setPlainText("Eget bankkonto öppnat")
    editor.goals.move_row(editor.goals.rows[1], -1)
    assert editor.goals.goals()[0].text == "Ha en egen ekonomi"
    for role, edit in editor.roles.items():
        edit.setPlainText(f"Fiktiv uppgift för {role.value}")
    editor.participation.setPlainText("Planen skrevs tillsammans med klienten.")
    set_date(editor.follow_up_on, date(2026, 6, 1))
    editor.follow_up_how.setPlainText("Möte med klienten.")
    editor.save_now()
    wait_idle(qtbot, window)
    assert "Utkast sparat" in editor.status.text()
    shot(editor, "care_plan_editor")
    editor.sign_button.click()
    yes(editor.confirm_box, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(
        lambda: (
            tab.panel.buttons.get("plan_print") is not None
            and tab.panel.buttons["plan_print"].isEnabled()
        ),
        timeout=WAIT_MS,
    )
    wait_idle(qtbot, window)
    shot(window, "insatser_plan_signed")

    # The basis for giving the private provider the client's details, then print for it.
    tab.panel.buttons["disclosure"].click()
    basis = tab.care_actions.dialog
    assert isinstance(basis, DisclosureDialog)
    basis.basis.setCurrentIndex(basis.basis.findData("consent"))
    basis.note.setPlainText("Klienten samtycker (fiktivt).")
    basis.ok_button.click()
    qtbot.waitUntil(
        lambda: (
            "Klientens samtycke"
            in " ".join(label.text() for label in tab.panel.findChildren(QLabel))
        ),
        timeout=WAIT_MS,
    )
    wait_idle(qtbot, window)

    # Print for the provider, save as PDF after the confirmation.
    tab.panel.buttons["plan_print"].click()
    printer = tab.care_actions.printer
    chooser = printer.recipient_dialog
    assert chooser is not None
    shot(chooser, "recipient_dialog")
    chooser.ok_button.click()
    qtbot.waitUntil(lambda: printer.preview is not None, timeout=WAIT_MS)
    preview = printer.preview
    assert preview is not None
    assert "Utförare" in preview.summary.text()
    shot(preview, "preview_care_plan")
    target = tmp_path / "ut" / "vardplan.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    preview.save_document()
    yes(preview.confirm_box, QMessageBox.StandardButton.Save)
    qtbot.waitUntil(lambda: preview.saved_path is not None, timeout=WAIT_MS)
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Ha en egen ekonomi" in text and "Känna sig trygg i sitt boende" in text
    assert "Fiktiva gatan" not in text
    actions = audit_reasons(view)
    assert any(a == "document_saved" and r.startswith("care_plan:provider:") for a, r in actions)
    preview.close()

    # Genomförandeplan requested 20 days ago: the reminder is overdue and red.
    tab.panel.buttons["implementation_request"].click()
    request = tab.care_actions.dialog
    assert isinstance(request, RequestDialog)
    set_date(request.requested_on, date(2026, 2, 10))
    request.how.setCurrentText("E-post")
    assert "2026-02-24" in request.reminder.text()
    request.ok_button.click()
    qtbot.waitUntil(lambda: tab.panel.reminder_chip is not None, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    chip = tab.panel.reminder_chip
    assert chip is not None and chip.overdue
    assert "2026-02-24" in chip.text()

    # Uppföljning with the client: six months on would pass the decision's last day
    # (2026-08-31), so that day is proposed; an earlier follow-up keeps to the interval.
    tab.panel.buttons["follow_up"].click()
    qtbot.waitUntil(lambda: isinstance(tab.care_actions.dialog, FollowUpDialog), timeout=WAIT_MS)
    follow = tab.care_actions.dialog
    assert isinstance(follow, FollowUpDialog)
    assert follow.client_took_part.isChecked()
    assert follow.next_on.date() == QDate(2026, 8, 31)
    assert "insatsens sista dag" in follow.next_hint.text()
    set_date(follow.held_on, date(2026, 2, 27))
    assert follow.next_on.date() == QDate(2026, 8, 27)
    assert "6 månader efter uppföljningen" in follow.next_hint.text()
    set_date(follow.held_on, date(2026, 3, 1))
    assert follow.next_on.date() == QDate(2026, 8, 31)
    for _goal_id, outcome, _comment in follow.goal_rows:
        outcome.setCurrentIndex(2)
    follow.answer_rows[0][1].setCurrentIndex(1)
    follow.decision.setCurrentIndex(follow.decision.findData(FollowUpDecision.CHANGE.value))
    shot(follow, "follow_up_dialog")
    follow.sign_button.click()
    yes(follow.confirm_box, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: tab.care_actions.question is not None, timeout=WAIT_MS)

    # A change: the next vårdplan version starts as a copy; version 1 stays viewable.
    yes(tab.care_actions.question, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(
        lambda: (
            isinstance(tab.care_actions.dialog, CarePlanEditor)
            and tab.care_actions.dialog is not editor
        ),
        timeout=WAIT_MS,
    )
    second = tab.care_actions.dialog
    assert isinstance(second, CarePlanEditor)
    assert second.goals.goals()[0].text == "Ha en egen ekonomi"
    second.close()
    qtbot.waitUntil(
        lambda: (
            tab.panel.buttons.get("plan_edit") is not None
            and tab.panel.buttons["plan_edit"].text() == "Fortsätt utkastet…"
        ),
        timeout=WAIT_MS,
    )
    wait_idle(qtbot, window)
    tab.panel.buttons["plan_view"].click()
    qtbot.waitUntil(lambda: isinstance(tab.care_actions.dialog, CarePlanViewer), timeout=WAIT_MS)
    viewer = tab.care_actions.dialog
    assert isinstance(viewer, CarePlanViewer)
    assert viewer.picker.count() == 1 and "Version 1" in viewer.picker.itemText(0)
    qtbot.waitUntil(lambda: "Ha en egen ekonomi" in viewer.text.toPlainText(), timeout=WAIT_MS)
    viewer.close()
    qtbot.waitUntil(lambda: tab.panel.next_chip is not None, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    next_chip = tab.panel.next_chip
    assert next_chip is not None
    qtbot.waitUntil(lambda: "2026-08-31" in next_chip.text(), timeout=WAIT_MS)
    assert not next_chip.overdue
    shot(window, "insatser_full")
    view.tabs.setCurrentWidget(view.overview)
    qtbot.waitUntil(
        lambda: any("2026-08-31" in t for t in view.overview.care_line.texts()), timeout=WAIT_MS
    )
    shot(window, "case_overview_care_line")


def audit_reasons(view: CasePanel) -> list[tuple[str, str]]:
    from sqlalchemy import select

    from vinr_desktop.store.schema import AuditRow

    store = view._services.cases.ctx.require_store()
    with store.session() as session:
        return [(a, r or "") for a, r in session.execute(select(AuditRow.action, AuditRow.reason))]
