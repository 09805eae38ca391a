"""Issue 21 through the real main window: a refusal is drafted; signing it with no kommunicering
asks for a reason; kommunicering is recorded from the Insatser tab, her answer too, and then the
refusal signs without asking. The beslutsmeddelande is previewed for the client (the appeal text
in it), its sending registered, an appeal registered in time, then the nämnd's omprövning; the
decision shows each step.

Set LETTER_SHOTS to a folder to also save screenshots at 1366x768.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.care.test_care_flow import open_case, set_date, yes
from tests.ui.conftest import WAIT_MS, UiEnv, login_ok, wait_idle
from tests.ui.journal.test_journal import new_case
from vinr_desktop.domain.appeals import ReviewOutcome
from vinr_desktop.domain.decision_letters import DeliveryHow
from vinr_desktop.domain.decisions import DecisionOutcome
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.care.decision_dialog import DecisionDialog
from vinr_desktop.ui.letters.dialogs import (
    AnswerDialog,
    AppealDialog,
    CommunicationDialog,
    ReviewDialog,
    SentDialog,
)
from vinr_desktop.ui.shell.main_window import MainWindow

SHOTS = os.environ.get("LETTER_SHOTS", "")


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def panel_text(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_kommunicering_refusal_letter_and_appeal(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    new_case(CaseWorkServices.for_context(ctx), protected=True)
    AuthService(ctx).logout()
    ctx.release()

    window = make_window()
    window.resize(1366, 768)
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    view = open_case(qtbot, window)
    tab = view.care_tab
    view.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.snapshot is not None, timeout=WAIT_MS)

    # A refusal drafted; signing it now asks why there was no kommunicering.
    tab.new_button.click()
    qtbot.waitUntil(lambda: isinstance(tab.care_actions.dialog, DecisionDialog), timeout=WAIT_MS)
    dialog = tab.care_actions.dialog
    assert isinstance(dialog, DecisionDialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(DecisionOutcome.REFUSED.value))
    set_date(dialog.applied_on, date(2026, 2, 10))
    set_date(dialog.decided_on, date(2026, 3, 2))
    dialog.insats.setCurrentIndex(dialog.insats.findData("stodsamtal"))
    dialog.ground.setCurrentIndex(dialog.ground.findData("sol2025_bistand"))
    dialog.motivation.setPlainText("Stödet ges redan av kvinnojouren (fiktivt).")
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.reason_dialog is not None, timeout=WAIT_MS)
    reason = dialog.reason_dialog
    assert reason is not None and "ingen kommunicering" in reason.warning.text()
    reason.sign_button.click()  # no reason written: not signed
    assert "Skriv skälet" in reason.error.text()
    shot(reason, "sign-reason")
    reason.reject()
    assert dialog.confirm_box is None
    dialog.save_button.click()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: tab.panel.letters_box is not None, timeout=WAIT_MS)
    wait_idle(qtbot, window)

    # Kommunicering from the tab, then her answer.
    box = tab.panel.letters_box
    assert box is not None and "Ingen kommunicering registrerad." in panel_text(box)
    box.buttons["communicate"].click()
    communicate = tab.care_actions.letters.dialog
    assert isinstance(communicate, CommunicationDialog)
    set_date(communicate.communicated_on, date(2026, 2, 16))
    communicate.material.setPlainText("Utredningen daterad 2026-02-13 (fiktiv).")
    set_date(communicate.answer_by, date(2026, 3, 6))
    shot(communicate, "communication-dialog")
    communicate.ok_button.click()
    qtbot.waitUntil(
        lambda: (
            tab.panel.letters_box is not None
            and "inget svar ännu" in panel_text(tab.panel.letters_box)
        ),
        timeout=WAIT_MS,
    )
    wait_idle(qtbot, window)
    box = tab.panel.letters_box
    assert box is not None and "till och med 2026-03-06" in panel_text(box)
    shot(window, "insatser-communicated")
    box.buttons["answer"].click()
    answer = tab.care_actions.letters.dialog
    assert isinstance(answer, AnswerDialog)
    answer.answer.setPlainText("Jag har inget att tillägga (fiktivt).")
    answer.ok_button.click()
    qtbot.waitUntil(
        lambda: (
            tab.panel.letters_box is not None
            and "svarade 2026-03-02" in panel_text(tab.panel.letters_box)
        ),
        timeout=WAIT_MS,
    )
    wait_idle(qtbot, window)

    # Now the refusal signs with the ordinary confirmation.
    drafted = tab.care_actions.dialog
    tab.panel.buttons["decision"].click()
    qtbot.waitUntil(lambda: tab.care_actions.dialog is not drafted, timeout=WAIT_MS)
    dialog = tab.care_actions.dialog
    assert isinstance(dialog, DecisionDialog)
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.confirm_box is not None, timeout=WAIT_MS)
    yes(dialog.confirm_box, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(
        lambda: tab.panel.letters_box is not None and "sent" in tab.panel.letters_box.buttons,
        timeout=WAIT_MS,
    )
    wait_idle(qtbot, window)
    box = tab.panel.letters_box
    assert box is not None and "Beslutsmeddelande: inte skickat" in panel_text(box)

    # The letter for the client, previewed: the appeal text is in it.
    box.buttons["letter"].click()
    printer = tab.care_actions.printer
    chooser = printer.recipient_dialog
    assert chooser is not None
    chooser.ok_button.click()
    qtbot.waitUntil(lambda: printer.preview is not None, timeout=WAIT_MS)
    preview = printer.preview
    assert preview is not None and "Klient" in preview.summary.text()
    shot(preview, "preview-decision-letter")
    preview.close()

    # Sent by post, she got it on the same day; then her appeal, in time.
    box.buttons["sent"].click()
    sent = tab.care_actions.letters.dialog
    assert isinstance(sent, SentDialog)
    sent.how.setCurrentIndex(sent.how.findData(DeliveryHow.POST))
    sent.known.setChecked(True)
    shot(sent, "sent-dialog")
    sent.ok_button.click()
    qtbot.waitUntil(
        lambda: (
            tab.panel.letters_box is not None
            and "sista dag att överklaga 2026-03-23" in panel_text(tab.panel.letters_box)
        ),
        timeout=WAIT_MS,
    )
    wait_idle(qtbot, window)
    box = tab.panel.letters_box
    assert box is not None and not box.buttons["sent"].isEnabled()
    box.buttons["appeal"].click()
    appeal = tab.care_actions.letters.dialog
    assert isinstance(appeal, AppealDialog)
    appeal.ok_button.click()
    qtbot.waitUntil(
        lambda: (
            tab.panel.letters_box is not None
            and "Överklagat 2026-03-02 (i rätt tid)" in panel_text(tab.panel.letters_box)
        ),
        timeout=WAIT_MS,
    )
    wait_idle(qtbot, window)
    box = tab.panel.letters_box
    assert box is not None
    box.buttons["review"].click()
    review = tab.care_actions.letters.dialog
    assert isinstance(review, ReviewDialog)
    review.outcome.setCurrentIndex(review.outcome.findData(ReviewOutcome.NOT_CHANGED))
    review.ok_button.click()
    qtbot.waitUntil(
        lambda: tab.panel.letters_box is not None and "court" in tab.panel.letters_box.buttons,
        timeout=WAIT_MS,
    )
    wait_idle(qtbot, window)
    box = tab.panel.letters_box
    assert box is not None and "väntar på förvaltningsrätten" in panel_text(box)
    shot(window, "insatser-appealed")
