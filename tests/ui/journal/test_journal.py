"""The journal tab of a case: write, autosave, sign, correct, filter; the lazy model."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv
from vinr_desktop.domain.cases import IntakeKind, ReporterKind
from vinr_desktop.domain.journal import EntryDraft, EntryKind, SourceKind
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.rows_model import PAGE_SIZE
from vinr_desktop.ui.journal.editor import JournalEditor
from vinr_desktop.ui.journal.model import ENTRY_ROLE, IS_CORRECTED_ROLE, IS_DRAFT_ROLE, NOTE_ROLE
from vinr_desktop.views.cases import NewCase, PersonInput

ON = date(2026, 3, 1)


class Opened:
    def __init__(self, services: CaseWorkServices, runner: OperationRunner, case_id: str) -> None:
        self.services, self.runner, self.case_id = services, runner, case_id


def new_case(services: CaseWorkServices, *, child: bool = False, protected: bool = False) -> str:
    from vinr_desktop.domain.persons import ContactDetails, ProtectionLevel

    person = PersonInput(
        first_name="Testa",
        last_name="Testsson-Fiktiv",
        birth_date=date(2015, 5, 5) if child else date(1980, 5, 5),
        contact=ContactDetails(street="Fiktiva gatan 1", postal_code="841 31", city="Exempelby"),
        protection_level=(
            ProtectionLevel.PROTECTED_REGISTRATION if protected else ProtectionLevel.NONE
        ),
    )
    ref = services.cases.register(
        NewCase(
            intake_kind=IntakeKind.REPORT if child else IntakeKind.APPLICATION,
            intake_date=ON,
            reporter_kind=ReporterKind.AUTHORITY if child else ReporterKind.NONE,
            reporter_text="Skola" if child else "",
            main_person=person,
        )
    )
    return ref.case_id


@pytest.fixture
def opened(env: UiEnv) -> Iterator[Opened]:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    services = CaseWorkServices.for_context(ctx)
    runner = OperationRunner()
    yield Opened(services, runner, new_case(services))
    runner.wait()


def open_view(qtbot: QtBot, o: Opened, case_id: str | None = None) -> CasePanel:
    view = CasePanel(o.services, o.runner, case_id or o.case_id)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitUntil(lambda: view.is_open, timeout=WAIT_MS)
    wait(qtbot, o)
    return view


def wait(qtbot: QtBot, o: Opened) -> None:
    qtbot.waitUntil(lambda: not o.runner.busy, timeout=WAIT_MS)


def write(editor: JournalEditor, text: str, source: SourceKind = SourceKind.CLIENT) -> None:
    editor.kind.setCurrentIndex(editor.kind.findData(EntryKind.PHONE.value))
    editor.source.setCurrentIndex(editor.source.findData(source.value))
    editor.text.setPlainText(text)


def confirm(qtbot: QtBot, editor: JournalEditor) -> None:
    box = editor.confirm_box
    assert box is not None
    assert "kan inte ändras" in box.text()
    button = box.button(QMessageBox.StandardButton.Yes)
    assert button is not None
    button.click()


def entries(view: CasePanel) -> list:  # type: ignore[type-arg]
    model = view.journal.model
    return [model.index(r, 0).data(ENTRY_ROLE) for r in range(model.rowCount())]


def test_write_autosave_sign_and_correct(qtbot: QtBot, opened: Opened) -> None:
    view = open_view(qtbot, opened)
    view.tabs.setCurrentWidget(view.journal)
    assert any("aktualiserat" in e.text for e in entries(view))
    view.journal.new_button.click()
    editor = view.journal.editor
    assert editor is not None
    write(editor, "Fiktivt samtal med klienten om läget.")
    editor.save_now()
    wait(qtbot, opened)
    assert editor.entry_id is not None
    assert "Utkast sparat" in editor.status.text()
    drafts = opened.services.journal.my_drafts(opened.case_id)
    assert [d.text for d in drafts] == ["Fiktivt samtal med klienten om läget."]

    # Autosave by the timer, into the same draft.
    editor.text.setPlainText("Fiktivt samtal med klienten om läget. Mer text.")
    qtbot.waitUntil(
        lambda: opened.services.journal.my_drafts(opened.case_id)[0].text.endswith("Mer text."),
        timeout=WAIT_MS,
    )
    assert len(opened.services.journal.my_drafts(opened.case_id)) == 1

    editor.sign_button.click()
    confirm(qtbot, editor)
    qtbot.waitUntil(lambda: view.journal.editor is None, timeout=WAIT_MS)
    wait(qtbot, opened)
    assert opened.services.journal.my_drafts(opened.case_id) == []
    signed = next(e for e in entries(view) if e.text.endswith("Mer text."))
    assert not signed.is_draft
    assert view.journal.selected_entry() == signed

    assert view.journal.correct_button.isEnabled()
    view.journal.correct_selected()
    from vinr_desktop.ui.journal.correction_dialog import CorrectionDialog

    dialog = view.journal.findChild(CorrectionDialog)
    assert dialog is not None
    assert dialog.original_text.isReadOnly()
    assert dialog.new_text.toPlainText() == signed.text
    dialog.ok_button.click()
    wait(qtbot, opened)
    assert "Skälet till rättelsen" in dialog.error.text()
    dialog.new_text.setPlainText("Fiktivt samtal med klienten om läget i hemmet.")
    dialog.reason.setText("Fel ord")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=WAIT_MS)
    wait(qtbot, opened)
    model = view.journal.model
    rows = {model.index(r, 0).data(ENTRY_ROLE).entry_id: r for r in range(model.rowCount())}
    original = model.index(rows[signed.entry_id], 0)
    assert original.data(IS_CORRECTED_ROLE) is True
    assert "Rättad — se rättelse" in original.data(NOTE_ROLE)
    correction = next(e for e in entries(view) if e.corrects_id == signed.entry_id)
    note = model.index(rows[correction.entry_id], 0).data(NOTE_ROLE)
    assert f"Rättelse av anteckning från {signed.event_date}" in note
    assert "Skäl: Fel ord" in note
    view.journal.show_entry(signed.entry_id)
    assert not view.journal.correct_button.isEnabled()  # already corrected


def test_sign_errors_are_inline_and_draft_reopens(qtbot: QtBot, opened: Opened) -> None:
    view = open_view(qtbot, opened)
    view.journal.new_entry()
    editor = view.journal.editor
    assert editor is not None
    editor.text.setPlainText("Fiktiv anteckning utan källa.")
    editor.sign_now()
    wait(qtbot, opened)
    assert editor.error.text() == "Ange uppgiftslämnare (källa)."
    # The field beside Uppgiftslämnare has a label that says what it asks for.
    assert editor.source_detail_label.buddy() is editor.source_detail
    assert not editor.source_detail_label.isEnabled()
    editor.source.setCurrentIndex(editor.source.findData(SourceKind.OTHER_PERSON.value))
    assert editor.source_detail_label.text() == "Vem"
    editor.source.setCurrentIndex(editor.source.findData(SourceKind.AUTHORITY.value))
    assert editor.source_detail.isEnabled()
    assert editor.source_detail_label.isEnabled()
    assert editor.source_detail_label.text() == "Vilken myndighet"
    assert editor.source_detail.accessibleName() == "Vilken myndighet"
    editor.sign_now()
    wait(qtbot, opened)
    assert editor.error.text() == "Skriv vem uppgiftslämnaren är."
    editor.reject()  # closing saves the draft
    wait(qtbot, opened)
    qtbot.waitUntil(lambda: any(e.is_draft for e in entries(view)), timeout=WAIT_MS)
    drafts = opened.services.journal.my_drafts(opened.case_id)
    assert len(drafts) == 1
    assert drafts[0].source is SourceKind.AUTHORITY

    row = next(r for r, e in enumerate(entries(view)) if e.is_draft)
    assert view.journal.model.index(row, 0).data(IS_DRAFT_ROLE) is True
    assert "UTKAST" in view.journal.model.index(row, 0).data(NOTE_ROLE)
    view.journal.list_view.setCurrentIndex(view.journal.model.index(row, 0))
    assert view.journal.continue_button.isEnabled()
    view.journal.continue_button.click()
    editor = view.journal.editor
    assert editor is not None
    assert editor.text.toPlainText() == "Fiktiv anteckning utan källa."
    assert editor.entry_id == drafts[0].entry_id
    editor.discard_now()
    wait(qtbot, opened)
    assert opened.services.journal.my_drafts(opened.case_id) == []


def test_filter_by_kind(qtbot: QtBot, opened: Opened) -> None:
    journal = opened.services.journal
    for kind, text in (
        (EntryKind.PHONE, "Fiktivt samtal"),
        (EntryKind.HOME_VISIT, "Fiktivt besök"),
    ):
        draft = EntryDraft(ON, kind, SourceKind.CLIENT, "", text)
        journal.sign(opened.case_id, None, draft)
    view = open_view(qtbot, opened)
    assert len(entries(view)) == 3  # the intake event and two entries
    panel = view.journal
    panel.kind_filter.setCurrentIndex(panel.kind_filter.findData(EntryKind.HOME_VISIT.value))
    wait(qtbot, opened)
    assert [e.text for e in entries(view)] == ["Fiktivt besök"]
    assert panel.count_label.text() == "1 anteckning"
    panel.kind_filter.setCurrentIndex(0)
    wait(qtbot, opened)
    assert len(entries(view)) == 3
    assert panel.author_filter.count() == 2  # "Alla skribenter" and the admin


def test_long_timeline_loads_lazily(qtbot: QtBot, opened: Opened) -> None:
    journal = opened.services.journal
    for i in range(PAGE_SIZE + 30):
        draft = EntryDraft(ON, EntryKind.NOTE, SourceKind.CLIENT, "", f"Fiktiv rad {i}")
        journal.sign(opened.case_id, None, draft)
    view = open_view(qtbot, opened)
    model = view.journal.model
    assert model.rowCount() == PAGE_SIZE
    assert model.total == PAGE_SIZE + 31
    assert model.canFetchMore()
    first_written = 2  # after the intake event; the oldest, so on the second page
    assert model.row_of(first_written) == -1
    view.journal.show_entry(first_written)
    wait(qtbot, opened)
    assert model.rowCount() == PAGE_SIZE + 31
    selected = view.journal.selected_entry()
    assert selected is not None
    assert selected.entry_id == first_written


def test_the_clients_objection_is_shown_with_the_entry(qtbot: QtBot, opened: Opened) -> None:
    from vinr_desktop.domain.journal import EntryDraft, EntryKind, SourceKind
    from vinr_desktop.ui.journal.objection_dialog import ObjectionDialog

    signed = opened.services.journal.sign(
        opened.case_id,
        None,
        EntryDraft(ON, EntryKind.NOTE, SourceKind.CLIENT, "", "Klienten verkade lugn (fiktivt)."),
    )
    view = open_view(qtbot, opened)
    view.tabs.setCurrentWidget(view.journal)
    view.journal.show_entry(signed)
    wait(qtbot, opened)
    assert view.journal.objection_button.isEnabled()
    view.journal.objection_button.click()
    dialog = view.journal.findChild(ObjectionDialog)
    assert dialog is not None
    dialog.text.setPlainText("Jag var inte lugn, jag var rädd.")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=WAIT_MS)
    wait(qtbot, opened)
    model = view.journal.model
    rows = {model.index(r, 0).data(ENTRY_ROLE).entry_id: r for r in range(model.rowCount())}
    assert "Klienten har invänt" in model.index(rows[signed], 0).data(NOTE_ROLE)
    objection = next(e for e in entries(view) if e.objects_to_id == signed)
    assert objection.text == "Jag var inte lugn, jag var rädd."
    assert "Klientens invändning" in model.index(rows[objection.entry_id], 0).data(NOTE_ROLE)


def test_an_entry_is_marked_as_the_risk_and_protection_assessment(
    qtbot: QtBot, opened: Opened
) -> None:
    from vinr_desktop.domain.journal import EntryDraft, EntryKind, SourceKind

    signed = opened.services.journal.sign(
        opened.case_id,
        None,
        EntryDraft(ON, EntryKind.NOTE, SourceKind.OWN_OBSERVATION, "", "Bedömning (fiktiv)."),
    )
    view = open_view(qtbot, opened)
    view.tabs.setCurrentWidget(view.journal)
    view.journal.show_entry(signed)
    wait(qtbot, opened)
    panel = view.journal
    entry = panel.selected_entry()
    assert entry is not None and entry.entry_id == signed
    action = panel.marks.action_for(entry, True)
    assert action is not None and action.text() == "Markera som ärendets risk- och skyddsbedömning"
    action.trigger()
    qtbot.waitUntil(lambda: signed in panel.marks.marked, timeout=WAIT_MS)
    wait(qtbot, opened)
    texts = [e.text for e in entries(view)]
    assert any("markerad som ärendets risk- och skyddsbedömning" in t for t in texts)
    undo = panel.marks.action_for(panel.model.row_at(panel.model.row_of(signed)), True)
    assert undo is not None and undo.text().startswith("Ta bort markeringen")
    program_entry = next(e for e in entries(view) if e.kind is EntryKind.EVENT)
    assert panel.marks.action_for(program_entry, True) is None
    assert panel.marks.action_for(entry, False) is None  # read only
