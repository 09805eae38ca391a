"""The case view: opening (audited), overview, markers, close/reopen, reveal, child steps, and
one day of work through the real main window."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv, wait_idle
from tests.ui.journal.test_journal import Opened, new_case, open_view, opened, wait
from vinr_desktop.domain.journal import SourceKind
from vinr_desktop.domain.persons import PROTECTED_TEXT
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.casefacts.dialogs import EndInvestigationDialog, StartInvestigationDialog
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.cases.dialogs import CloseCaseDialog, ReopenDialog
from vinr_desktop.ui.cases.marker_dialog import MarkerDialog
from vinr_desktop.ui.cases.report_dialogs import ProtectionAssessmentDialog
from vinr_desktop.ui.common.reveal_dialog import RevealDialog
from vinr_desktop.ui.journal.correction_dialog import CorrectionDialog
from vinr_desktop.ui.journal.model import IS_CORRECTED_ROLE
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.workspace import Workspace

__all__ = ["opened"]  # the fixture, shared with test_journal


def audit_actions(o: Opened) -> list[str]:
    from sqlalchemy import select

    from vinr_desktop.store.schema import AuditRow

    with o.services.cases.ctx.store.session() as session:  # type: ignore[union-attr]
        return list(session.execute(select(AuditRow.action).order_by(AuditRow.seq)).scalars())


def texts(view: CasePanel) -> list[str]:
    model = view.journal.model
    return [str(model.index(r, 0).data()) for r in range(model.rowCount())]


def test_open_is_audited_and_overview_shows_case(qtbot: QtBot, opened: Opened) -> None:
    before = audit_actions(opened).count("case_opened")
    view = CasePanel(opened.services, opened.runner, opened.case_id)
    qtbot.addWidget(view)
    assert view.pages.currentWidget() is not None
    assert "Öppnar ärendet" in view.loading_label.text()
    assert view.number_label.text() == ""
    qtbot.waitUntil(lambda: view.is_open, timeout=WAIT_MS)
    wait(qtbot, opened)
    assert audit_actions(opened).count("case_opened") == before + 1
    view.reload()
    wait(qtbot, opened)
    assert audit_actions(opened).count("case_opened") == before + 1  # reloads are not audited
    assert view.number_label.text().startswith("VINR-2026-")
    assert view.status_chip.text() == "Aktualiserad"
    assert view.next_button.text() == "Nästa steg: Utredning"
    assert view.windowTitle() == ""
    card = view.overview.person_cards[0]
    assert "Fiktiva gatan 1" in card.contact_label.text()
    assert card.remove_button is None  # the main person is not removed from the case


def test_markers_dialog_journals_the_change(qtbot: QtBot, opened: Opened) -> None:
    view = open_view(qtbot, opened)
    view.overview.markers_button.click()
    dialog = view.overview.findChild(MarkerDialog)
    assert dialog is not None
    dialog.check("violence_economic")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "ekonomiskt våld" in view.overview.marker_texts(), timeout=WAIT_MS)
    wait(qtbot, opened)
    assert "Markering tillagd: ekonomiskt våld" in texts(view)


def start_investigation(qtbot: QtBot, opened: Opened, view: CasePanel) -> None:
    """ "Nästa steg: Utredning" asks for the investigation's start, basis and method."""
    assert view.next_button.text() == "Nästa steg: Utredning"
    view.next_button.click()
    dialog = view.findChild(StartInvestigationDialog)
    assert dialog is not None and dialog.isVisible()
    assert view.status_chip.text() == "Aktualiserad"  # nothing changes before the dialog's OK
    dialog.method.setCurrentIndex(dialog.method.findData("other"))
    dialog.method_note.setText("Fiktiv metod")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: view.status_chip.text() == "Utredning", timeout=WAIT_MS)
    wait(qtbot, opened)
    qtbot.waitUntil(
        lambda: any(t.startswith("Utredning inledd 2026-03-02") for t in texts(view)),
        timeout=WAIT_MS,
    )


def test_advance_close_and_reopen(qtbot: QtBot, opened: Opened) -> None:
    view = open_view(qtbot, opened)
    start_investigation(qtbot, opened, view)
    view.close_button.click()
    dialog = next(d for d in view.findChildren(CloseCaseDialog) if d.isVisible())
    assert dialog.investigation_outcome.isVisibleTo(dialog)  # the investigation still runs
    dialog.ok_button.click()
    wait(qtbot, opened)
    assert dialog.error.text() == "Välj en avslutsorsak."
    dialog.reason.setCurrentIndex(1)
    dialog.text.setPlainText("Fiktiv motivering till avslutet.")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "Ange hur den avslutades" in dialog.error.text(), timeout=WAIT_MS)
    assert view.status_chip.text() == "Utredning"
    dialog.investigation_outcome.setCurrentIndex(
        dialog.investigation_outcome.findData("without_insats")
    )
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: view.status_chip.text() == "Avslutad", timeout=WAIT_MS)
    wait(qtbot, opened)
    assert "Utredningen avslutad 2026-03-02: Avslutad utan insats." in texts(view)
    assert view.closed_banner.isVisibleTo(view)
    assert view.closed_text.text().startswith("Avslutat 2026-03-02 — ")
    assert not view.close_button.isVisibleTo(view)
    for button in (
        view.next_button,
        view.journal.new_button,
        view.overview.markers_button,
        view.overview.add_person_button,
    ):
        assert not button.isEnabled()
    assert view.reopen_button.isEnabled()
    view.reopen_button.click()
    reopen = view.findChild(ReopenDialog)
    assert reopen is not None
    assert reopen.reason_hint.text() == "Skälet skrivs i ärendets journal."
    reopen.reason.setPlainText("Ny fiktiv händelse")
    reopen.ok_button.click()
    qtbot.waitUntil(lambda: view.status_chip.text() == "Utredning", timeout=WAIT_MS)
    wait(qtbot, opened)
    assert not view.closed_banner.isVisibleTo(view)
    assert view.journal.new_button.isEnabled()


def test_moving_on_to_beslut_ends_the_running_investigation(qtbot: QtBot, opened: Opened) -> None:
    view = open_view(qtbot, opened)
    start_investigation(qtbot, opened, view)
    assert view.next_button.text() == "Nästa steg: Beslut/insats pågår"
    view.next_button.click()
    dialog = view.findChild(EndInvestigationDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.outcome.currentData() == "with_insats"
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: view.status_chip.text() == "Beslut/insats pågår", timeout=WAIT_MS)
    wait(qtbot, opened)
    journal = texts(view)
    assert "Utredningen avslutad 2026-03-02: Avslutad med insats." in journal
    assert "Status ändrad: Utredning → Beslut/insats pågår." in journal
    facts = opened.services.facts.facts(view.case_id)
    assert facts.running is None and facts.investigations[0].outcome_label == (
        "Avslutad med insats"
    )


def test_handing_the_case_over_leaves_it(qtbot: QtBot, opened: Opened) -> None:
    from vinr_desktop.services.accounts.admin import AdminService
    from vinr_desktop.ui.casefacts.dialogs import AssignDialog

    AdminService(opened.services.cases.ctx).add_user("bo", "Bo Fiktivsson", {"caseworker"})
    view = open_view(qtbot, opened)
    section = view.overview.facts_section
    qtbot.waitUntil(lambda: section.facts is not None, timeout=WAIT_MS)
    section.assign_button.click()
    dialog = next(d for d in section.findChildren(AssignDialog) if d.isVisible())
    dialog.user.setCurrentIndex(dialog.user.findText("Bo Fiktivsson"))
    assert dialog.handover.isVisibleTo(dialog)
    with qtbot.waitSignal(view.back_requested, timeout=WAIT_MS):
        dialog.ok_button.click()
    wait(qtbot, opened)
    assert "case_reassigned" in audit_actions(opened)


def test_reveal_protected_contact(qtbot: QtBot, opened: Opened) -> None:
    case_id = new_case(opened.services, protected=True)
    view = open_view(qtbot, opened, case_id)
    assert view.protected_badge.isVisibleTo(view)
    card = view.overview.person_cards[0]
    assert card.reveal_button is not None
    assert card.reveal_button.text() == PROTECTED_TEXT
    card.reveal_button.click()
    dialog = view.overview.findChild(RevealDialog)
    assert dialog is not None
    assert dialog.reason_hint.isVisibleTo(dialog)
    assert dialog.reason_hint.text() == (
        "Skälet visas vid loggkontroll. Skriv inte namn eller adress i skälet."
    )
    dialog.ok_button.click()
    wait(qtbot, opened)
    assert "Skälet måste fyllas i" in dialog.error.text()
    dialog.reason.setText("Ska skicka kallelse")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: view.overview.person_cards[0].reveal_button is None, timeout=WAIT_MS)
    assert "Fiktiva gatan 1" in view.overview.person_cards[0].contact_label.text()
    assert "contact_revealed" in audit_actions(opened)

    # Dölj hides them again; showing them once more asks for a reason again.
    hide = view.overview.person_cards[0].hide_button
    assert hide is not None and hide.text() == "Dölj"
    qtbot.waitUntil(lambda: hide.isVisibleTo(view), timeout=WAIT_MS)  # shown once laid out
    hide.click()
    card = view.overview.person_cards[0]
    assert card.hide_button is None and card.reveal_button is not None
    assert not any("Fiktiva gatan 1" in label.text() for label in card.findChildren(QLabel))
    card.reveal_button.click()
    again = [d for d in view.overview.findChildren(RevealDialog) if d.isVisible()]
    assert len(again) == 1 and again[0].reason.text() == ""
    again[0].reason.setText("Ska skicka kallelse igen")
    again[0].ok_button.click()
    qtbot.waitUntil(lambda: view.overview.person_cards[0].reveal_button is None, timeout=WAIT_MS)
    assert audit_actions(opened).count("contact_revealed") == 2

    view.reload()  # a reload hides the details again
    wait(qtbot, opened)
    qtbot.waitUntil(
        lambda: view.overview.person_cards[0].reveal_button is not None, timeout=WAIT_MS
    )


def test_child_case_needs_assessments(qtbot: QtBot, opened: Opened) -> None:
    case_id = new_case(opened.services, child=True)
    view = open_view(qtbot, opened, case_id)
    assert view.child_chip.isVisibleTo(view)
    assert view.overview.child_frame.isVisibleTo(view)
    (block,) = view.overview.reports_box.blocks
    lines = [label.text() for label in block.findChildren(QLabel)]
    assert any("Skyddsbedömning: inte gjord, senast 2026-03-01" in t for t in lines), lines
    assert any("inte beslutad, senast 2026-03-15" in t for t in lines), lines
    view.next_button.click()
    start = view.findChild(StartInvestigationDialog)
    assert start is not None and start.isVisible()
    assert start.basis.currentText() == "Förhandsbedömning (utredning inleds)"
    start.ok_button.click()
    wait(qtbot, opened)
    qtbot.waitUntil(
        lambda: (
            start.error.text()
            == "Gör skyddsbedömningen för varje anmälan innan utredningen inleds."
        ),
        timeout=WAIT_MS,
    )
    start.reject()
    assert view.status_chip.text() == "Aktualiserad"
    button = next(
        b for b in block.findChildren(QPushButton) if b.text() == "Registrera skyddsbedömning…"
    )
    button.click()
    dialog = view.overview.findChild(ProtectionAssessmentDialog)
    assert dialog is not None
    dialog.note.setPlainText("Fiktiv bedömning.")
    dialog.ok_button.click()  # nothing chosen: no default "nej" for a child's protection
    qtbot.waitUntil(lambda: "nej eller ja" in dialog.error.text(), timeout=WAIT_MS)
    dialog.no.setChecked(True)
    dialog.ok_button.click()

    def assessed() -> bool:
        blocks = view.overview.reports_box.blocks
        texts = [label.text() for b in blocks for label in b.findChildren(QLabel)]
        return any("inget omedelbart skyddsbehov" in t for t in texts)

    qtbot.waitUntil(assessed, timeout=WAIT_MS)
    view.tabs.setCurrentWidget(view.overview)


def test_day_of_work_through_main_window(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    case_id = new_case(CaseWorkServices.for_context(ctx))
    AuthService(ctx).logout()
    ctx.release()

    window = logged_in_window()
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
    assert view.case_id == case_id
    qtbot.waitUntil(lambda: view.is_open, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert "VINR-2026" not in window.windowTitle()

    view.tabs.setCurrentWidget(view.journal)
    view.journal.new_button.click()
    editor = view.journal.editor
    assert editor is not None
    editor.source.setCurrentIndex(editor.source.findData(SourceKind.CLIENT.value))
    editor.text.setPlainText("Fiktivt hembesök, klienten mår bättre.")
    editor.save_now()
    wait_idle(qtbot, window)
    editor.sign_button.click()
    box = editor.confirm_box
    assert box is not None
    yes = box.button(QMessageBox.StandardButton.Yes)
    assert yes is not None
    yes.click()
    qtbot.waitUntil(lambda: view.journal.editor is None, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    qtbot.waitUntil(
        lambda: "Fiktivt hembesök, klienten mår bättre." in texts(view), timeout=WAIT_MS
    )
    signed = view.journal.selected_entry()
    assert signed is not None
    assert signed.text == "Fiktivt hembesök, klienten mår bättre."
    view.journal.correct_button.click()
    dialog = view.journal.findChild(CorrectionDialog)
    assert dialog is not None
    dialog.new_text.setPlainText("Fiktivt hembesök, klienten mår något bättre.")
    dialog.reason.setText("Överdrivet")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=WAIT_MS)
    wait_idle(qtbot, window)
    model = view.journal.model
    qtbot.waitUntil(lambda: model.row_of(signed.entry_id) >= 0, timeout=WAIT_MS)
    row = model.row_of(signed.entry_id)
    qtbot.waitUntil(lambda: model.index(row, 0).data(IS_CORRECTED_ROLE) is True, timeout=WAIT_MS)
    assert view.status_chip.text() == "Aktualiserad"

    view.back_button.click()
    qtbot.waitUntil(lambda: page.case_panel is None, timeout=WAIT_MS)


def test_the_report_skyddsbedomning_takes_the_instruments_ja_or_nej(
    qtbot: QtBot, opened: Opened
) -> None:
    from datetime import date

    from vinr_desktop.domain.instruments import RiskLevel
    from vinr_desktop.domain.risk import Answer, AssessmentDraft

    case_id = new_case(opened.services, child=True)
    risk = opened.services.risk
    (child,) = risk.persons_for(case_id, "skyddsbedomning-barn")
    assessment_id = risk.start(case_id, "skyddsbedomning-barn", child.person_id)
    risk.sign(
        case_id,
        assessment_id,
        AssessmentDraft(
            assessed_on=date(2026, 3, 2),
            answers={
                "tecken": Answer("ja", "Barnet är rädd för att gå hem."),
                "skyddar": Answer("ingen"),
                "atgard": Answer("omhandertagande"),
            },
            judgement=RiskLevel.HIGH,
            motivation="Ingen vuxen kan skydda barnet i dag (fiktivt).",
            actions="Omedelbart omhändertagande övervägs.",
        ),
    )
    view = open_view(qtbot, opened, case_id)
    (block,) = view.overview.reports_box.blocks
    button = next(
        b for b in block.findChildren(QPushButton) if b.text() == "Registrera skyddsbedömning…"
    )
    button.click()
    dialog = view.overview.findChild(ProtectionAssessmentDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.from_instrument.isVisibleTo(dialog), timeout=WAIT_MS)
    assert dialog.yes.isChecked() and not dialog.no.isChecked()
    assert dialog.from_instrument.text() == "Enligt skyddsbedömningen signerad 2026-03-02: ja."
    if shots := os.environ.get("LEGAL_SHOTS"):
        dialog.grab().save(f"{shots}/skyddsbedomning_anmalan.png")
    dialog.ok_button.click()

    def assessed() -> bool:
        labels = [label.text() for b in view.overview.reports_box.blocks
                  for label in b.findChildren(QLabel)]  # fmt: skip
        return any("omedelbart skyddsbehov" in t and "inget" not in t for t in labels)

    qtbot.waitUntil(assessed, timeout=WAIT_MS)
