"""A partial decision signed before her last day to answer the kommunicering: the decision
dialog asks why, and the reason written is kept with the signed decision and shown in the
Insatser tab's letters section."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WAIT_MS
from tests.ui.journal.test_journal import Opened, opened
from vinr_desktop.domain.communication import CommunicationHow
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome
from vinr_desktop.domain.providers import ProviderInput
from vinr_desktop.ui.care.decision_children import SignResult
from vinr_desktop.ui.care.decision_dialog import DecisionDialog

__all__ = ["opened"]

TODAY = date(2026, 3, 2)


def test_signing_before_her_last_day_asks_why(qtbot: QtBot, opened: Opened) -> None:
    services, case_id = opened.services, opened.case_id
    jour = services.care.providers.add(ProviderInput(name="Jouren Fiktiva", kind="kvinnojour"))
    draft = DecisionDraft(
        DecisionOutcome.PARTLY_GRANTED,
        date(2026, 2, 20),
        TODAY,
        "sol2025_bistand",
        "stodsamtal",
        jour,
        date(2026, 3, 2),
        date(2026, 5, 31),
        "Ett samtal varannan vecka",
        "Samtal varje vecka behövs inte (fiktivt).",
    )
    decision_id = services.care.decisions.save_draft(case_id, None, draft)
    services.letters.record_communication(
        case_id,
        decision_id,
        date(2026, 2, 27),
        CommunicationHow.VISIT,
        "Utredningen",
        date(2026, 3, 9),
    )
    view = services.care.decisions.get(case_id, decision_id)
    options = services.care.decisions.options(case_id)
    dialog = DecisionDialog(services, opened.runner, case_id, options, TODAY, decision=view)
    dialog.show()
    assert dialog.decided_on.date() == QDate(2026, 3, 2)
    results: list[SignResult] = []
    dialog.signed.connect(results.append)
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: dialog.reason_dialog is not None, timeout=WAIT_MS)
    reason = dialog.reason_dialog
    assert reason is not None
    assert "till och med 2026-03-09" in reason.warning.text()
    reason.reason.setPlainText("Klienten bad själv om beslut i dag (fiktivt).")
    reason.sign_button.click()
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    state = services.letters.state(case_id, decision_id)
    assert state.signed and state.signed_reason == "Klienten bad själv om beslut i dag (fiktivt)."
