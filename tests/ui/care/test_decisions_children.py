"""The decision dialog for skyddat boende in a case with a child: the providers offered are
those that take children, and signing prepares the child's own case with a draft decision,
never signed by the program. In the child's case the dialog asks for the child's needs and the
guardians' consent, offers the grounds that fit, and then the parent's egenkontroll is met."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WAIT_MS
from tests.ui.journal.test_journal import Opened, opened, wait
from vinr_desktop.domain.decisions import DecisionOutcome
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.domain.providers import ProviderInput
from vinr_desktop.ui.care.decision_children import CaseChild, SignResult
from vinr_desktop.ui.care.decision_dialog import DecisionDialog
from vinr_desktop.ui.care.tab import CareTab
from vinr_desktop.views.cases import PersonInput

__all__ = ["opened"]

TODAY = date(2026, 3, 2)


def test_shelter_decision_makes_the_childs_case(qtbot: QtBot, opened: Opened) -> None:
    services, case_id = opened.services, opened.case_id
    child_id = services.persons.add_to_case(
        case_id,
        PersonInput(first_name="Lilla", last_name="Testsson-Fiktiv", birth_date=date(2018, 4, 4)),
        PersonRole.CHILD,
    )
    services.care.providers.add(
        ProviderInput(
            name="Skyddade boendet Fiktiva",
            kind="skyddat_boende",
            takes_children=True,
            permit_number="IVO 1.1-0000/2026",
        )
    )
    services.care.providers.add(
        ProviderInput(name="Jouren utan barn", kind="kvinnojour", takes_children=False)
    )
    services.care.providers.add(ProviderInput(name="Handläggaren själv", kind="egen_insats"))
    options = services.care.decisions.options(case_id)
    dialog = DecisionDialog(
        services,
        opened.runner,
        case_id,
        options,
        TODAY,
        children=(CaseChild(child_id, "Lilla Testsson-Fiktiv"),),
    )
    dialog.show()  # deletes itself when closed
    assert not dialog.children_box.isVisibleTo(dialog)
    dialog.insats.setCurrentIndex(dialog.insats.findData("skyddat_boende"))
    assert dialog.children_box.isVisibleTo(dialog)
    names = [dialog.provider.itemText(i) for i in range(dialog.provider.count())]
    assert not any("Handläggaren själv" in n for n in names)  # no egen insats for a shelter
    dialog.children_box.boxes[0][1].setChecked(True)
    names = [dialog.provider.itemText(i) for i in range(dialog.provider.count())]
    assert names[1:] == ["Skyddade boendet Fiktiva (Skyddat boende)"]
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(DecisionOutcome.GRANTED.value))
    dialog.applied_on.setDate(QDate(2026, 2, 27))
    dialog.decided_on.setDate(QDate(2026, 2, 28))
    dialog.ground.setCurrentIndex(dialog.ground.findData("sol2025_bistand"))
    dialog.provider.setCurrentIndex(1)
    dialog.period_from.setDate(QDate(2026, 3, 1))
    dialog.extent.setText("Tre månader")
    dialog.motivation.setPlainText("Klienten behöver skydd (fiktivt).")
    results: list[SignResult] = []
    dialog.signed.connect(results.append)
    dialog.ask_sign()
    box = dialog.confirm_box
    assert box is not None and "eget ärende" in box.text()
    button = box.button(QMessageBox.StandardButton.Yes)
    assert button is not None
    button.click()
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    wait(qtbot, opened)
    result = results[0]
    assert result.child_error == ""
    assert len(result.children) == 1 and result.children[0].new_case
    decision = services.care.decisions.get(case_id, result.decision_id)
    assert not decision.children_along[0].has_own_decision  # a draft only
    prepared = result.children[0]
    _sign_childs_own_decision(qtbot, opened, prepared.case_id, prepared.decision_id)
    decision = services.care.decisions.get(case_id, result.decision_id)
    assert decision.children_along[0].has_own_decision

    tab = CareTab(services, opened.runner, case_id, TODAY)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    qtbot.waitUntil(lambda: tab.snapshot is not None, timeout=WAIT_MS)
    wait(qtbot, opened)
    assert tab.snapshot is not None
    checks = [c.text for i in tab.snapshot.insatser for c in i.checks if c.ok]
    assert any("Lilla Testsson-Fiktiv har eget ärende och beslut" in t for t in checks)
    assert tab.panel.buttons["decision"].text() == "Visa beslut…"


def _sign_childs_own_decision(
    qtbot: QtBot, opened: Opened, child_case_id: str, decision_id: str
) -> None:
    """The child's draft in the child's case: needs, consent, a ground that fits, a reason."""
    services = opened.services
    options = services.care.decisions.options(child_case_id)
    view = services.care.decisions.get(child_case_id, decision_id)
    dialog = DecisionDialog(services, opened.runner, child_case_id, options, TODAY, decision=view)
    dialog.show()
    assert dialog.placement_box.isVisibleTo(dialog)
    assert dialog.motivation.toPlainText() == ""  # the reason is the handläggare's own
    grounds = {dialog.ground.itemData(i) for i in range(1, dialog.ground.count())}
    assert grounds == {"sol2025_skyddat_boende_barn", "lpbs_3_1", "lpbs_4_1"}
    box = dialog.placement_box
    box.consent.setCurrentIndex(box.consent.findData("not_all"))
    grounds = {dialog.ground.itemData(i) for i in range(1, dialog.ground.count())}
    assert grounds == {"lpbs_3_1", "lpbs_4_1"}
    box.consent.setCurrentIndex(box.consent.findData("all"))
    dialog.ground.setCurrentIndex(dialog.ground.findData("sol2025_skyddat_boende_barn"))
    dialog.motivation.setPlainText("Barnet behöver skydd (fiktivt).")
    dialog.ask_sign()
    confirm = dialog.confirm_box
    assert confirm is not None
    yes = confirm.button(QMessageBox.StandardButton.Yes)
    assert yes is not None
    yes.click()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=WAIT_MS)
    assert "barnets egna behov" in dialog.error.text()
    box.needs.setPlainText("Barnet har sett våldet och behöver lugn och skolgång (fiktivt).")
    signed: list[SignResult] = []
    dialog.signed.connect(signed.append)
    dialog.ask_sign()
    confirm = dialog.confirm_box
    assert confirm is not None
    yes = confirm.button(QMessageBox.StandardButton.Yes)
    assert yes is not None
    yes.click()
    qtbot.waitUntil(lambda: bool(signed), timeout=WAIT_MS)
    wait(qtbot, opened)
