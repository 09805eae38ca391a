"""Risk assessments in the real main window: a full assessment done with the keyboard only,
the journal line and the tab afterwards, a signed assessment read-only, the history chart and
the comparison, the safety plan's new version, the PDF preview, and instrument files in
Administration.

One store per module (two cases: one flagged and never assessed, one with two signed
assessments and a safety plan waiting for review) and one logged-in window for every test.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from tests.casework import adult, protected_adult, register
from tests.stores import ADMIN, ADMIN_PASSWORD, Template
from tests.ui.conftest import WAIT_MS, UiEnv
from vinr_desktop.domain.instruments import RiskLevel
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.domain.redaction import Recipient
from vinr_desktop.domain.risk import Answer, AssessmentDraft, ContactState
from vinr_desktop.domain.risk_instrument_check import parse_instrument_bytes
from vinr_desktop.domain.safety_plan import SafetyPlanDraft
from vinr_desktop.resources import instrument_files
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.admin.instrument_admin import InstrumentAdminDialog
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.cases.list_model import BADGES_ROLE, COL_BADGES
from vinr_desktop.ui.common.document_preview import DocumentPreviewDialog
from vinr_desktop.ui.common.document_print import RecipientDialog
from vinr_desktop.ui.journal.model import ENTRY_ROLE
from vinr_desktop.ui.risk.assessment_dialog import AssessmentDialog
from vinr_desktop.ui.risk.assessment_end_pages import ActionsPage
from vinr_desktop.ui.risk.compare import CHANGED_BACKGROUND, ComparisonDialog
from vinr_desktop.ui.risk.dialogs import (
    ContactDialog,
    MarkReviewedDialog,
    NewAssessmentDialog,
)
from vinr_desktop.ui.risk.model import COL_JUDGEMENT
from vinr_desktop.ui.risk.safety_plan_dialog import SafetyPlanDialog
from vinr_desktop.ui.risk.safety_plan_editor import SafetyPlanEditor
from vinr_desktop.ui.shell.main_window import MainWindow, Screen
from vinr_desktop.ui.shell.workspace import Workspace

# Set RISK_SHOTS to a folder to keep a picture of each screen the tests pass (to look at).
SHOTS = os.environ.get("RISK_SHOTS", "")
SAFE_PLACE = "Fiktiva skyddsplatsen 9"


@dataclass(frozen=True)
class World:
    folder: Path
    fresh_case: str  # contact = yes, no assessment: flagged
    history_case: str  # two signed assessments, a plan waiting for review
    history_main: str  # the protected main person of history_case
    first_id: str  # the older signed assessment


def _sign(
    services: CaseWorkServices, case_id: str, person_id: str, on: date, yes: int, level: RiskLevel
) -> str:
    risk = services.risk
    assessment_id = risk.start(case_id, "vinr-riskfaktorer", person_id)
    items = risk.assessment(case_id, assessment_id).instrument.items
    answers = {item.item_id: Answer("ja" if n < yes else "nej") for n, item in enumerate(items)}
    draft = AssessmentDraft(
        assessed_on=on,
        answers=answers,
        victim_estimate="Fiktiv oro.",
        judgement=level,
        motivation="Fiktiv motivering.",
        next_assessment_on=date(2026, 5, 1),
    )
    risk.sign(case_id, assessment_id, draft)
    return assessment_id


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, unit_template: Template) -> World:
    base = tmp_path_factory.mktemp("risk-world")
    maker = UiEnv(base, base / "register", base / "demo", template=unit_template)
    maker.create_store()
    ctx = maker.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    services = CaseWorkServices.for_context(ctx)
    fresh = register(services, adult("Testa", "Testsson-Fiktiv", serial=301))
    violent = adult("Våldsam", "Våldsson-Fiktiv", serial=302, birth=date(1980, 1, 1))
    services.persons.add_to_case(fresh.case_id, violent, PersonRole.PERPETRATOR)
    services.risk.set_contact(fresh.case_id, ContactState.YES, date(2026, 3, 1))
    old = register(services, protected_adult())
    main = services.cases.open_case(old.case_id).persons[0].person_id
    plans = services.safety_plans
    plan = SafetyPlanDraft(
        "Fiktiv syster, 070-000 00 01", SAFE_PLACE, "Kodord: paraply", "Ring 112"
    )
    plans.sign(old.case_id, plans.save_draft(old.case_id, main, None, plan), plan)
    first = _sign(services, old.case_id, main, date(2026, 1, 10), 4, RiskLevel.MEDIUM)
    _sign(services, old.case_id, main, date(2026, 2, 20), 9, RiskLevel.HIGH)
    AuthService(ctx).logout()
    for made in maker.contexts:
        made.release()
    return World(maker.folder, fresh.case_id, old.case_id, main, first)


def wait_until(condition: Callable[[], bool], timeout: int = WAIT_MS) -> None:
    waited = 0
    while not condition():
        assert waited < timeout, "timed out"
        QTest.qWait(20)
        waited += 20


@pytest.fixture(scope="module")
def window(
    qapp: QApplication, world: World, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MainWindow]:
    base = tmp_path_factory.mktemp("risk-ui")
    env = UiEnv(base, base / "register", base / "demo")
    shutil.copytree(world.folder, env.folder)
    main = MainWindow(
        env.context(), demo_folder=env.demo_folder, context_factory=env.context,
        clock=env.idle_clock,
    )  # fmt: skip
    main.resize(1366, 768)
    main.show()
    page = main.current
    page.username.setText(ADMIN)  # type: ignore[union-attr]
    page.password.setText(ADMIN_PASSWORD)  # type: ignore[union-attr]
    page.login_button.click()  # type: ignore[union-attr]
    wait_until(lambda: main.screen_kind is Screen.WORKSPACE)
    idle(main)
    yield main
    main.close()
    main.deleteLater()
    QTest.qWait(50)
    for ctx in env.contexts:
        ctx.release()


def idle(window: MainWindow) -> None:
    wait_until(lambda: not window.runner.busy)
    QTest.qWait(30)
    wait_until(lambda: not window.runner.busy)


def workspace(window: MainWindow) -> Workspace:
    found = window.current
    assert isinstance(found, Workspace)
    return found


def open_case(window: MainWindow, case_id: str) -> CasePanel:
    """The case's Bedömningar tab (the case stays open from the test before, if it was)."""
    ws = workspace(window)
    ws.show_page("Ärenden")
    page = ws.cases_page
    assert page is not None
    shown = page.case_panel
    if isinstance(shown, CasePanel) and shown.case_id == case_id and shown.is_open:
        shown.tabs.setCurrentWidget(shown.risk_tab)
        idle(window)
        return shown
    page.show_list()
    idle(window)
    page.open_case(case_id)
    view = page.case_panel
    assert isinstance(view, CasePanel)
    wait_until(lambda: view.is_open)
    idle(window)
    view.tabs.setCurrentWidget(view.risk_tab)
    idle(window)
    return view


def shot(widget: QWidget, name: str, size: tuple[int, int] | None = None) -> None:
    """A picture for a look at the screen, at the size it has on a 1366x768 screen."""
    if size is not None:
        widget.resize(*size)
    QTest.qWait(50)  # let the layout settle
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def key(text: str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), text, modifier)


def press(code: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), code, modifier)


def test_a_full_assessment_with_the_keyboard_only(
    qtbot: QtBot, window: MainWindow, world: World
) -> None:
    ws = workspace(window)
    ws.show_page("Ärenden")
    page = ws.cases_page
    assert page is not None
    idle(window)
    row = page.model.row_of(world.fresh_case)
    badges = page.model.index(row, COL_BADGES).data(BADGES_ROLE)
    assert ("Bedömning saknas", "risk") in badges
    shot(window, "case-list")

    view = open_case(window, world.fresh_case)
    tab = view.risk_tab
    assert tab.flag_banner.isVisible()
    assert "ingen riskbedömning är gjord" in tab.flag_banner.text()
    shot(window, "tab-flagged")

    tab.new_button.setFocus()
    press(Qt.Key.Key_Space)
    new = tab.findChild(NewAssessmentDialog)
    assert new is not None
    wait_until(lambda: new.ok_button.isEnabled())
    shot(new, "new-assessment")
    press(Qt.Key.Key_Return)
    wait_until(lambda: tab.assessment_dialog is not None and tab.assessment_dialog.isVisible())
    dialog = tab.assessment_dialog
    assert isinstance(dialog, AssessmentDialog)
    idle(window)
    QTest.qWait(50)

    # The checklist: the first items Ja (by their key), the rest Nej by digit, one comment.
    answered = 0
    for section in dialog.section_pages:
        assert dialog.current_page() is section
        for item in section.items:
            assert isinstance(focused(), QRadioButton)
            key("j" if answered < 7 else "2")
            answered += 1
            press(Qt.Key.Key_Tab)
            assert focused() is item.comment
            if answered == 1:
                QTest.keyClicks(item.comment, "Fiktivt: slag i ansiktet i januari")
            press(Qt.Key.Key_Tab)
        if section is dialog.section_pages[0]:
            shot(dialog, "assessment-section", (1120, 728))
        press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.current_page() is dialog.victim_page
    # (QTest types ASCII only: no å, ä, ö in the typed texts.)
    QTest.keyClicks(focused(), "Hon tror att han kan skada henne allvarligt.")
    key("n", Qt.KeyboardModifier.AltModifier)  # Alt+N: next step
    assert dialog.current_page() is dialog.protective_page
    QTest.keyClicks(focused(), "Fiktiv syster i grannhuset.")
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    judgement = dialog.judgement_page
    assert dialog.current_page() is judgement
    assert judgement.judgement() is None  # never filled in from the answers
    support = judgement.support.text()
    assert support.startswith("Stöd för bedömningen: 7 av 24 riskfaktorer besvarade ja")
    assert "ersätter inte din bedömning" in support
    key("h", Qt.KeyboardModifier.AltModifier)  # &Hög
    assert judgement.judgement() is RiskLevel.HIGH
    press(Qt.Key.Key_Tab)
    assert focused() is judgement.motivation
    QTest.keyClicks(focused(), "Fiktiv motivering: strypning och hot nyligen.")
    shot(dialog, "assessment-judgement", (1120, 728))
    key("b", Qt.KeyboardModifier.AltModifier)  # Alt+B: back, and forward again
    assert dialog.current_page() is dialog.protective_page
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.current_page() is dialog.actions_page
    # "Hög": the next assessment in the instrument's 30 days for a high risk, not 90.
    assert dialog.actions_page.next_date() == date(2026, 3, 2) + timedelta(days=30)
    assert "30 dagar vid hög risk" in dialog.actions_page.next_hint.text()
    QTest.keyClicks(focused(), "Skyddat boende erbjuds, planen ses over.")
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.current_page() is dialog.sign_page
    idle(window)
    assert "Allt som krävs är ifyllt" in dialog.sign_page.missing_label.text()
    assert "Utkast sparat" in dialog.status.text()
    shot(dialog, "assessment-sign", (1120, 728))
    assert focused() is dialog.sign_page.sign_button
    press(Qt.Key.Key_Return)
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    assert "Bedömd risk: Hög" in box.text()
    QTest.keyClick(box, Qt.Key.Key_Return)
    wait_until(lambda: dialog.banner.isVisible())
    idle(window)
    assert "Signerad" in dialog.banner_text.text()
    assert not dialog.view.editable
    assert not any(b.isEnabled() for b in dialog.section_pages[0].items[0].buttons.values())
    shot(dialog, "assessment-signed", (1120, 728))
    press(Qt.Key.Key_Escape)
    wait_until(lambda: not dialog.isVisible())
    idle(window)

    # The tab shows the judgement (never the count) and the flag is gone.
    wait_until(lambda: tab.model.rowCount() == 1 and not tab.flag_banner.isVisible())
    assert tab.model.index(0, COL_JUDGEMENT).data() == "hög"
    assert "Senast bedömd risk: hög" in tab.latest_label.text()
    assert "av 24" not in tab.latest_label.text()
    shot(window, "tab-signed")
    view.journal.reload()
    idle(window)
    model = view.journal.model
    texts = [model.index(r, 0).data(ENTRY_ROLE).text for r in range(model.rowCount())]
    assert any(t.startswith("Riskbedömning genomförd, bedömd risk: hög.") for t in texts)
    view.tabs.setCurrentWidget(view.overview)
    idle(window)
    assert "Senast bedömd risk: hög" in view.overview.risk_line.text.text()
    shot(window, "overview")


def test_the_next_date_follows_the_judgement_until_chosen_by_hand(qtbot: QtBot) -> None:
    files = dict(instrument_files())
    checklist = parse_instrument_bytes(files["vinr-riskfaktorer.v2.json"])
    today = date(2026, 3, 2)
    page = ActionsPage("", False, today + timedelta(days=90), today, checklist, None, True, True)
    qtbot.addWidget(page)
    assert "(90 dagar)" in page.next_hint.text()
    page.follow_judgement(RiskLevel.HIGH)
    assert page.next_date() == date(2026, 4, 1)
    page.follow_judgement(RiskLevel.MEDIUM)
    assert page.next_date() == date(2026, 5, 1)
    assert page.next_hint.text() == (
        "Föreslaget: 60 dagar vid medel risk enligt instrumentet. Går att ändra."
    )
    page.next_on.setDate(page.next_on.date().addDays(3))  # her own date stays
    page.follow_judgement(RiskLevel.LOW)
    assert page.next_date() == date(2026, 5, 4)
    assert page.next_hint.text().startswith("Eget datum.")


def test_history_chart_comparison_read_only_and_pdf(
    qtbot: QtBot, window: MainWindow, world: World
) -> None:
    view = open_case(window, world.history_case)
    tab = view.risk_tab
    points = tab.chart.points
    assert [(p.on, p.level) for p in points] == [
        ("2026-01-10", RiskLevel.MEDIUM),
        ("2026-02-20", RiskLevel.HIGH),
    ]
    assert "2026-01-10: medel" in tab.chart.toolTip()
    spots = tab.chart.positions(tab.chart.plot_area())
    assert spots[0].x() < spots[1].x() and spots[0].y() > spots[1].y()
    shot(window, "tab-history")
    assert "kontakt med den utsatta: Inte angivet" in tab.contact_label.text()
    tab.change_contact()
    contact = tab.findChild(ContactDialog)
    assert contact is not None and contact.state() is ContactState.YES
    shot(contact, "contact")
    contact.ok_button.click()
    wait_until(
        lambda: "kontakt med den utsatta: Ja (uppgift från 2026-03-02)" in tab.contact_label.text()
    )
    assert not tab.flag_banner.isVisible()  # the newest assessment is still valid

    tab.table.selectRow(tab.model.row_of(world.first_id))
    tab.compare_selected()
    compare = tab.findChild(ComparisonDialog)
    assert compare is not None
    wait_until(lambda: compare.comparison is not None)
    assert len(compare.changed_rows) == 5  # items 5–9 went from Nej to Ja
    changed = compare.changed_rows[0]
    cell = compare.table.item(changed, 2)
    assert cell is not None and cell.background().color().name() == CHANGED_BACKGROUND
    assert compare.cell_text(compare.table.rowCount() - 1, 2) == "hög"
    shot(compare, "comparison", (1000, 680))
    compare.reject()

    tab.open_assessment(world.first_id)
    wait_until(lambda: tab.assessment_dialog is not None)
    dialog = tab.assessment_dialog
    assert dialog is not None
    idle(window)
    assert dialog.banner.isVisible() and "Signerad" in dialog.banner_text.text()
    assert not dialog.sign_page.sign_button.isVisibleTo(dialog)
    assert dialog.judgement_page.judgement() is RiskLevel.MEDIUM
    assert not dialog.judgement_page.buttons[RiskLevel.HIGH].isEnabled()
    first_comment = dialog.section_pages[0].items[0].comment
    assert isinstance(first_comment, QLineEdit) and first_comment.isReadOnly()
    dialog.print_button.click()
    recipient = dialog.findChild(RecipientDialog)
    assert recipient is not None
    shot(recipient, "recipient")
    recipient.ok_button.click()
    wait_until(lambda: dialog.findChild(DocumentPreviewDialog) is not None)
    preview = dialog.findChild(DocumentPreviewDialog)
    assert preview is not None and preview.page_count >= 1
    shot(preview, "assessment-pdf-preview", (820, 728))
    assert "Testa" not in preview.windowTitle() and "Skydda" not in preview.windowTitle()
    preview.reject()
    dialog.reject()
    idle(window)


def test_safety_plan_review_reveal_and_new_version(
    qtbot: QtBot, window: MainWindow, world: World
) -> None:
    view = open_case(window, world.history_case)
    tab = view.risk_tab
    assert [c.text() for c in tab.findChildren(QLabel, "ReviewChip")] == ["Ska ses över"]
    tab.open_plan(world.history_main)
    dialog = tab.plan_dialog
    assert isinstance(dialog, SafetyPlanDialog)
    wait_until(lambda: dialog.plan is not None)
    idle(window)
    assert dialog.review_banner.isVisible()
    assert dialog.reveal_button.isVisible()
    assert SAFE_PLACE not in dialog.parts["safe_places"].text()
    shot(dialog, "safety-plan", (980, 700))

    dialog.reviewed_button.click()
    reviewed = dialog.findChild(MarkReviewedDialog)
    assert reviewed is not None
    reviewed.comment.setPlainText("Fiktiv genomgång med klienten, planen gäller.")
    shot(reviewed, "plan-reviewed")
    reviewed.ok_button.click()
    wait_until(lambda: not dialog.review_banner.isVisible())
    idle(window)
    assert "Fiktiv genomgång med klienten, planen gäller." in dialog.reviews_label.text()

    dialog.new_button.click()
    wait_until(lambda: isinstance(dialog.editor, SafetyPlanEditor))
    editor = dialog.editor
    assert isinstance(editor, SafetyPlanEditor)
    assert editor.edits["contacts"].toPlainText().startswith("Fiktiv syster")
    assert editor.hidden_places and editor.draft().safe_places is None
    editor.edits["signals"].setPlainText("Kodord: paraply. Sms med en punkt.")
    shot(editor, "safety-plan-editor")
    editor.ask_sign()
    box = editor.confirm_box
    assert box is not None
    QTest.keyClick(box, Qt.Key.Key_Return)
    wait_until(lambda: not isValid(editor) or not editor.isVisible())
    idle(window)
    wait_until(lambda: bool(dialog.versions) and dialog.versions[0].version == 2)
    idle(window)
    assert dialog.versions[0].current and not dialog.versions[0].is_draft
    assert dialog.plan is not None and dialog.plan.version == 2
    assert not dialog.review_banner.isVisible()
    assert dialog.parts["signals"].text() == "Kodord: paraply. Sms med en punkt."

    dialog.print_button.click()
    recipient = dialog.findChild(RecipientDialog)
    assert recipient is not None
    recipient.choose(Recipient.MANAGER)
    recipient.ok_button.click()
    wait_until(lambda: dialog.findChild(DocumentPreviewDialog) is not None)
    preview = dialog.findChild(DocumentPreviewDialog)
    assert preview is not None and preview.summary.text().startswith("Mottagare: Enhetschef")
    text = "".join(
        p.extract_text() for p in pypdf.PdfReader(io.BytesIO(preview._document.pdf)).pages
    )
    assert "paraply" in text and SAFE_PLACE not in text
    preview.reject()

    dialog.reveal()
    from vinr_desktop.ui.common.reveal_dialog import RevealDialog

    reveal = dialog.findChild(RevealDialog)
    assert reveal is not None
    reveal.reason.setText("Fiktiv planering av flytt")
    shot(reveal, "safe-places-reveal")
    reveal.ok_button.click()
    wait_until(lambda: dialog.parts["safe_places"].isVisible())
    assert dialog.parts["safe_places"].text() == SAFE_PLACE  # kept from version 1
    assert dialog.hide_button.isVisible() and not dialog.reveal_button.isVisible()
    dialog.hide_button.click()  # Dölj: hidden again, a new reveal needs a new reason
    assert not dialog.parts["safe_places"].isVisible()
    assert SAFE_PLACE not in dialog.parts["safe_places"].text()
    assert dialog.reveal_button.isVisible() and not dialog.hide_button.isVisible()
    dialog.reject()
    idle(window)


def test_admin_adds_instrument_files(
    qtbot: QtBot, window: MainWindow, world: World, tmp_path: Path
) -> None:
    from vinr_desktop.resources import resources_dir

    ws = workspace(window)
    ws.show_page("Administration")
    admin = ws.admin_page
    assert admin is not None
    idle(window)
    shot(window, "admin")
    shot(admin.instruments_button.parentWidget(), "admin-instruments-card")
    admin.instruments_button.click()
    dialog = admin.findChild(InstrumentAdminDialog)
    assert dialog is not None
    wait_until(lambda: bool(dialog.infos))
    before = dialog.rows()
    assert ("vinr-riskfaktorer", 1, "bundled") in before

    broken = tmp_path / "trasig.json"
    broken.write_text(json.dumps({"id": "Fel Id", "version": 0, "kind": "checklist"}), "utf-8")
    dialog.check_path(broken)
    idle(window)
    assert dialog.error_scroll.isVisible()
    text = dialog.error.text()
    assert text.startswith("Instrumentfilen kan inte användas:")
    assert '"name" saknas' in text and '"version" ska vara ett heltal' in text
    shot(dialog, "instrument-admin-error", (1040, 600))

    data = json.loads((resources_dir() / "instruments" / "vinr-riskfaktorer.v2.json").read_text())
    data["version"] = 4  # the program ships versions 2 and 3
    good = tmp_path / "riskfaktorer-v4.json"
    good.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    dialog.check_path(good)
    idle(window)
    box = dialog.confirm_box
    assert box is not None and "version 4" in box.text()
    QTest.keyClick(box, Qt.Key.Key_Return)
    idle(window)
    wait_until(lambda: ("vinr-riskfaktorer", 4, "added") in dialog.rows())
    assert "Lagt till" in dialog.message.text()
    assert len(dialog.rows()) == len(before) + 1
    shot(dialog, "instrument-admin", (1040, 600))
    dialog.reject()


def test_external_result_form_autosaves_and_the_draft_can_be_thrown_away(
    qtbot: QtBot, window: MainWindow, world: World
) -> None:
    view = open_case(window, world.history_case)
    tab = view.risk_tab
    tab.new_assessment()
    new = tab.findChild(NewAssessmentDialog)
    assert new is not None
    wait_until(lambda: new.ok_button.isEnabled())
    new.instrument.setCurrentIndex(new.instrument.findData("externt-resultat"))
    wait_until(lambda: new.ok_button.isEnabled())
    new.ok_button.click()
    wait_until(lambda: tab.assessment_dialog is not None and tab.assessment_dialog.isVisible())
    dialog = tab.assessment_dialog
    assert isinstance(dialog, AssessmentDialog)
    idle(window)
    assert [p.title for p in dialog.pages] == [
        "Resultat",
        "Samlad risknivå enligt bedömningen",
        "Åtgärder och nästa bedömning",
        "Granska och signera",
    ]
    assert dialog.section_pages == [] and dialog.victim_page is None
    form = dialog.external_page
    assert form is not None
    combo = form.widgets["instrument"]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("PATRIARK"))
    made_by = form.widgets["gjord_av"]
    assert isinstance(made_by, QLineEdit)
    QTest.keyClicks(made_by, "Polisen i Demoby")
    shot(dialog, "assessment-external", (1120, 728))
    dialog.save_now()
    idle(window)
    risk = workspace(window).casework.risk
    saved = risk.assessment(world.history_case, dialog.view.assessment_id)
    assert saved.field_values == {"instrument": "PATRIARK", "gjord_av": "Polisen i Demoby"}
    assert "Utkast sparat" in dialog.status.text()

    wait_until(lambda: tab.model.rowCount() == 3)
    dialog.discard_button.click()
    box = dialog.confirm_box
    assert box is not None
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).click()
    idle(window)
    wait_until(lambda: tab.model.rowCount() == 2)
