"""Avsluta insats asks whether the client agrees: against her wish, the end is a decision whose
reasons must be written, and it is journalled as one she can appeal."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from tests.ui.conftest import WAIT_MS
from tests.ui.journal.test_journal import Opened, opened, wait
from vinr_desktop.domain.decisions import DecisionDraft, DecisionOutcome
from vinr_desktop.domain.providers import ProviderInput
from vinr_desktop.ui.care.decision_end import EndInsatsDialog

__all__ = ["opened"]

TODAY = date(2026, 3, 2)


def test_ending_against_the_clients_wish_needs_the_reasons(qtbot: QtBot, opened: Opened) -> None:
    services, case_id = opened.services, opened.case_id
    provider = services.care.providers.add(ProviderInput(name="Jouren (fiktiv)", kind="kvinnojour"))
    decision_id = services.care.decisions.sign(
        case_id,
        None,
        DecisionDraft(
            outcome=DecisionOutcome.GRANTED,
            applied_on=date(2026, 2, 20),
            decided_on=date(2026, 2, 25),
            legal_ground="sol2025_bistand",
            insats_type="stodsamtal",
            provider_id=provider,
            period_from=date(2026, 3, 1),
            period_to=date(2026, 8, 31),
            extent="Ett samtal i veckan",
            motivation="Stöd (fiktivt).",
        ),
    )
    decision = services.care.decisions.get(case_id, decision_id)
    reasons = services.care.decisions.options(case_id).closing_reasons
    dialog = EndInsatsDialog(services, opened.runner, case_id, decision, reasons, TODAY)
    dialog.show()
    dialog.ended_on.setDate(QDate(2026, 3, 2))
    dialog.reason.setCurrentIndex(dialog.reason.findData("other"))
    dialog.text.setPlainText("Klienten kommer inte till samtalen.")
    assert not dialog.decision_reasons.isVisibleTo(dialog)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "klienten vill" in dialog.error.text(), timeout=WAIT_MS)
    dialog.not_agreed.setChecked(True)
    assert dialog.decision_reasons.isVisibleTo(dialog)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "överklaga" in dialog.error.text(), timeout=WAIT_MS)
    dialog.decision_reasons.setPlainText("Insatsen har inte kunnat genomföras (fiktivt).")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=WAIT_MS)
    wait(qtbot, opened)
    ending = services.care.decisions.get(case_id, decision_id).ending
    assert ending is not None and ending.is_decision


def test_a_period_over_without_an_ending_is_flagged_until_the_ending_is_dated_back(
    qtbot: QtBot, opened: Opened
) -> None:
    services, case_id = opened.services, opened.case_id
    provider = services.care.providers.add(ProviderInput(name="Jouren (fiktiv)", kind="kvinnojour"))
    decision_id = services.care.decisions.sign(
        case_id,
        None,
        DecisionDraft(
            outcome=DecisionOutcome.GRANTED,
            applied_on=date(2025, 12, 1),
            decided_on=date(2025, 12, 5),
            legal_ground="sol2025_bistand",
            insats_type="stodsamtal",
            provider_id=provider,
            period_from=date(2025, 12, 8),
            period_to=date(2026, 2, 15),
            extent="Ett samtal i veckan",
            motivation="Stöd (fiktivt).",
        ),
    )
    decision = services.care.decisions.get(case_id, decision_id)
    assert decision.state_label == "Avslutad utan skäl"
    reasons = services.care.decisions.options(case_id).closing_reasons
    dialog = EndInsatsDialog(services, opened.runner, case_id, decision, reasons, TODAY)
    dialog.show()
    # Dated back: the period's last day at the latest.
    assert dialog.ended_on.date() == QDate(2026, 2, 15)
    assert dialog.ended_on.maximumDate() == QDate(2026, 2, 15)
    dialog.ended_on.setDate(QDate(2026, 2, 10))
    dialog.reason.setCurrentIndex(dialog.reason.findData("goal_reached"))
    dialog.text.setPlainText("Samtalen avslutades enligt plan (fiktivt).")
    dialog.agreed.setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=WAIT_MS)
    wait(qtbot, opened)
    ended = services.care.decisions.get(case_id, decision_id)
    assert ended.state_label == "Avslutad"
    assert ended.ending is not None and ended.ending.ended_on == "2026-02-10"
