"""The person form and the person dialogs, on a real store through the logged-in window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.cases.test_cases_page import new_case, person, personnummer, register
from tests.ui.conftest import WAIT_MS, UiEnv, login_ok, wait_idle
from vinr_desktop.domain.identity import IdentityKind
from vinr_desktop.domain.persons import ContactDetails, PersonRole, ProtectionLevel
from vinr_desktop.ui.cases.children_dialog import ChildrenDialog, parse_child_identity
from vinr_desktop.ui.cases.person_dialogs import PersonDialog
from vinr_desktop.ui.cases.person_form import PROTECTED_PLACEHOLDER, PersonForm
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.workspace import Workspace
from vinr_desktop.views.cases import CaseDetails, CasePerson, NewCase

TODAY = date(2026, 3, 2)


def workspace_of(window: MainWindow) -> Workspace:
    workspace = window.current
    assert isinstance(workspace, Workspace)
    return workspace


def run_sync(qtbot: QtBot, window: MainWindow, fn: Callable[[], Any]) -> Any:
    """Run a service call on the database thread, as the UI does, and wait for its result."""
    result: list[Any] = []
    window.runner.run(fn, success=result.append)
    qtbot.waitUntil(lambda: bool(result), timeout=WAIT_MS)
    return result[0]


def details(qtbot: QtBot, window: MainWindow, case_id: str) -> CaseDetails:
    cases = workspace_of(window).casework.cases
    return run_sync(qtbot, window, lambda: cases.details(case_id))  # type: ignore[no-any-return]


def logged_in(qtbot: QtBot, make_window: Callable[[], MainWindow]) -> MainWindow:
    window = make_window()
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    return window


# -- the form ----------------------------------------------------------------------------------


def test_person_form_value_and_live_hint(qtbot: QtBot) -> None:
    form = PersonForm(today=TODAY)
    qtbot.addWidget(form)
    assert form.first_field() is form.first_name
    form.first_name.setText("Testa")
    form.last_name.setText("Testsson-Fiktiv")
    form.number.setText("850412")
    assert form.number_hint.property("role") == "error"
    assert "10 eller 12 siffror" in form.number_hint.text()
    number = personnummer(date(1985, 4, 12), 123)
    form.number.setText(number)
    assert form.number_hint.text() == "Giltigt personnummer, född 1985-04-12"
    assert form.number_hint.property("role") == "ok"
    form.postal_code.setText("000 11")
    form.interpreter.setChecked(True)
    form.language.setText("Arabiska")
    assert not form.protection_note.isVisibleTo(form)
    form.protection.setCurrentIndex(form.protection.findText("Skyddad folkbokföring"))
    assert form.protection_note.isVisibleTo(form)
    value = form.value()
    assert value.identity_kind is IdentityKind.PERSONNUMMER
    assert value.identity_text == number
    assert value.birth_date is None
    assert value.contact == ContactDetails(postal_code="000 11")
    assert value.interpreter_needed and value.language == "Arabiska"
    assert value.protection_level is ProtectionLevel.PROTECTED_REGISTRATION

    form.identity_kind.setCurrentIndex(form.identity_kind.findText("Saknar personnummer"))
    assert not form.number.isVisibleTo(form)
    assert form.birth_date.isVisibleTo(form) and form.birth_date.isEnabled()
    assert not form.birth_known.isVisibleTo(form)  # required without a number
    form.birth_date.setDate(QDate(2015, 3, 12))
    value = form.value()
    assert value.identity_kind is IdentityKind.NONE
    assert value.birth_date == date(2015, 3, 12)
    assert value.identity_text == ""

    form.identity_kind.setCurrentIndex(form.identity_kind.findText("Reservnummer"))
    form.reserve_number.setText("R-123")
    form.reserve_issuer.setText("Fiktiva regionen")
    form.birth_known.setChecked(False)
    value = form.value()
    assert (value.identity_kind, value.identity_text, value.identity_issuer) == (
        IdentityKind.RESERVNUMMER,
        "R-123",
        "Fiktiva regionen",
    )
    assert value.birth_date is None  # optional for a reservnummer


def test_person_form_protected_person_keeps_hidden_contact(qtbot: QtBot) -> None:
    form = PersonForm(today=TODAY)
    qtbot.addWidget(form)
    form.set_value(
        CasePerson(
            person_id="p1",
            role=PersonRole.MAIN,
            first_name="Skydda",
            last_name="Hemligsson-Fiktiv",
            identity_kind=IdentityKind.RESERVNUMMER,
            identity_display="R-9 (Fiktiva regionen)",
            birth_date="",
            protection_level=ProtectionLevel.PROTECTED_REGISTRATION,
            contact=None,
            interpreter_needed=False,
            language="",
            other_cases=(),
            identity_value="R-9",
            identity_issuer="Fiktiva regionen",
        )
    )
    assert form.street.text() == ""
    assert form.street.placeholderText() == PROTECTED_PLACEHOLDER
    assert form.contact_hidden()
    value = form.value()
    assert value.contact == ContactDetails()  # "keep what is stored"
    assert (value.identity_text, value.identity_issuer) == ("R-9", "Fiktiva regionen")
    assert value.protection_level is ProtectionLevel.PROTECTED_REGISTRATION
    form.phone.setText("070-000 00 01")
    assert form.value().contact == ContactDetails(phone="070-000 00 01")


def test_child_identity_is_a_number_or_a_birth_date() -> None:
    assert parse_child_identity("2015-03-12") == (IdentityKind.NONE, "", date(2015, 3, 12))
    assert parse_child_identity("20150312") == (IdentityKind.NONE, "", date(2015, 3, 12))
    assert parse_child_identity(" 20150312-1234 ") == (
        IdentityKind.PERSONNUMMER,
        "20150312-1234",
        None,
    )
    assert parse_child_identity("2015-02-30") == "Födelsedatumet 2015-02-30 finns inte i kalendern."


# -- the dialogs -------------------------------------------------------------------------------


def test_person_dialog_adds_a_new_person(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    [ref] = register(env, new_case(person("Testa", "Testsson-Fiktiv")))
    window = logged_in(qtbot, make_window)
    workspace = workspace_of(window)
    dialog = PersonDialog(workspace.casework, window.runner, ref.case_id, None, workspace)
    dialog.show()
    assert dialog.windowTitle() == "Lägg till person"
    assert [dialog.role.itemText(i) for i in range(dialog.role.count())] == [
        "Barn",
        "Våldsutövare",
        "Närstående",
        "Annan",
    ]
    dialog.role.setCurrentIndex(dialog.role.findText("Våldsutövare"))
    dialog.form.first_name.setText("Våldsam")
    dialog.form.last_name.setText("Utövarsson-Fiktiv")
    dialog.form.number.setText(personnummer(date(1980, 1, 2), 777))
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.ok_button.click()
    wait_idle(qtbot, window)
    case = details(qtbot, window, ref.case_id)
    added = next(p for p in case.persons if p.last_name == "Utövarsson-Fiktiv")
    assert added.role is PersonRole.PERPETRATOR


def test_person_dialog_shows_service_errors_inline(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    [ref] = register(env, new_case(person("Testa", "Testsson-Fiktiv")))
    window = logged_in(qtbot, make_window)
    workspace = workspace_of(window)
    dialog = PersonDialog(workspace.casework, window.runner, ref.case_id, None, workspace)
    dialog.show()
    dialog.form.first_name.setText("Utan")
    dialog.form.identity_kind.setCurrentIndex(dialog.form.identity_kind.findText("Reservnummer"))
    dialog.form.reserve_number.setText("R-1")
    dialog.ok_button.click()
    wait_idle(qtbot, window)
    assert dialog.isVisible()
    assert dialog.error.text() == "Ange vem som har utfärdat reservnumret."
    dialog.reject()


def test_person_dialog_edits_details_and_role(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    [ref] = register(env, new_case(person("Testa", "Testsson-Fiktiv")))
    window = logged_in(qtbot, make_window)
    workspace = workspace_of(window)
    persons = workspace.casework.persons
    run_sync(
        qtbot,
        window,
        lambda: persons.add_to_case(
            ref.case_id, person("Nära", "Anhörigsson-Fiktiv", serial=555), PersonRole.RELATIVE
        ),
    )
    case = details(qtbot, window, ref.case_id)
    relative = next(p for p in case.persons if p.role is PersonRole.RELATIVE)
    dialog = PersonDialog(workspace.casework, window.runner, ref.case_id, relative, workspace)
    dialog.show()
    assert dialog.windowTitle() == "Ändra person"
    assert dialog.form.first_name.text() == "Nära"
    assert dialog.form.number.text() == relative.identity_display
    dialog.form.phone.setText("070-111 11 11")
    dialog.role.setCurrentIndex(dialog.role.findText("Annan"))
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.ok_button.click()
    wait_idle(qtbot, window)
    changed = next(
        p for p in details(qtbot, window, ref.case_id).persons if p.person_id == relative.person_id
    )
    assert changed.role is PersonRole.OTHER
    assert changed.contact is not None and changed.contact.phone == "070-111 11 11"

    main = next(p for p in case.persons if p.role is PersonRole.MAIN)
    main_dialog = PersonDialog(workspace.casework, window.runner, ref.case_id, main, workspace)
    assert not main_dialog.role.isEnabled()
    assert main_dialog.role.currentText() == "Huvudperson"
    main_dialog.reject()


def test_person_dialog_links_someone_from_another_case(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    first, second = register(
        env,
        new_case(person("Testa", "Testsson-Fiktiv")),
        new_case(person("Annan", "Huvudsson-Fiktiv", serial=321)),
    )
    window = logged_in(qtbot, make_window)
    workspace = workspace_of(window)
    dialog = PersonDialog(workspace.casework, window.runner, second.case_id, None, workspace)
    dialog.show()
    dialog.existing_button.setChecked(True)
    assert dialog.finder.isVisibleTo(dialog) and not dialog.form.isVisibleTo(dialog)
    dialog.role.setCurrentIndex(dialog.role.findText("Närstående"))
    dialog.finder.query.setText("testsson")
    dialog.finder.run_find()
    qtbot.waitUntil(lambda: dialog.finder.matches.count() == 1, timeout=WAIT_MS)
    assert dialog.finder.matches.item(0).text().startswith("Testa Testsson-Fiktiv — 19850412-")
    dialog.finder.matches.setCurrentRow(0)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.ok_button.click()
    wait_idle(qtbot, window)
    linked = [
        p
        for p in details(qtbot, window, second.case_id).persons
        if p.name == "Testa Testsson-Fiktiv"
    ]
    assert [p.role for p in linked] == [PersonRole.RELATIVE]
    assert [c.case_id for c in linked[0].other_cases] == [first.case_id]


def test_children_dialog_links_known_and_new_children_in_one_step(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    [first] = register(env, new_case(person("Mamma", "Föräldersson-Fiktiv")))
    window = logged_in(qtbot, make_window)
    workspace = workspace_of(window)
    services = workspace.casework
    child = person("Äldre", "Barnsson-Fiktiv", birth=date(2014, 6, 1), serial=246)
    run_sync(qtbot, window, lambda: services.persons.link_children(first.case_id, [], [child]))
    main_id = next(
        p.person_id
        for p in details(qtbot, window, first.case_id).persons
        if p.role is PersonRole.MAIN
    )
    second = run_sync(
        qtbot,
        window,
        lambda: services.cases.register(
            NewCase(
                intake_kind=new_case(child).intake_kind,
                intake_date=date(2026, 2, 21),
                reporter_kind=new_case(child).reporter_kind,
                reporter_text="",
                main_person_id=main_id,
            )
        ),
    )

    dialog = ChildrenDialog(services, window.runner, second.case_id, workspace)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.known_boxes) == 1, timeout=WAIT_MS)
    [box] = dialog.known_boxes.values()
    assert box.text() == "Äldre Barnsson-Fiktiv, född 2014-06-01"
    assert box.isEnabled() and not box.isChecked()
    box.setChecked(True)
    dialog.add_row()
    row = dialog.new_rows[0]
    row.first_name.setText("Yngsta")
    row.last_name.setText("Barnsson-Fiktiv")
    row.identity.setText("2019-02-30")
    dialog.ok_button.click()
    assert dialog.error.text() == "Födelsedatumet 2019-02-30 finns inte i kalendern."
    row.identity.setText("2019-02-28")
    dialog.add_row()  # a blank row is ignored
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.ok_button.click()
    wait_idle(qtbot, window)
    children = sorted(
        p.first_name
        for p in details(qtbot, window, second.case_id).persons
        if p.role is PersonRole.CHILD
    )
    assert children == ["Yngsta", "Äldre"]

    again = ChildrenDialog(services, window.runner, second.case_id, workspace)
    qtbot.waitUntil(lambda: len(again.known_boxes) == 2, timeout=WAIT_MS)
    assert all(b.isChecked() and not b.isEnabled() for b in again.known_boxes.values())
    assert all("(redan kopplat)" in b.text() for b in again.known_boxes.values())
    again.reject()


def test_protection_follows_the_address_with_one_click(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    protected = person(
        "Skydda", "Gömdsson-Fiktiv", protection=ProtectionLevel.PROTECTED_REGISTRATION
    )
    [ref] = register(env, new_case(protected))
    window = logged_in(qtbot, make_window)
    workspace = workspace_of(window)
    dialog = PersonDialog(workspace.casework, window.runner, ref.case_id, None, workspace)
    dialog.show()
    proposer = dialog.proposer
    qtbot.waitUntil(lambda: proposer.isVisible(), timeout=WAIT_MS)  # a child: the main's level
    assert "barn till huvudpersonen" in proposer.label.text()
    dialog.role.setCurrentIndex(dialog.role.findText("Närstående"))
    qtbot.waitUntil(lambda: not proposer.isVisible(), timeout=WAIT_MS)
    dialog.form.street.setText("fiktiva  gatan 1")  # her address, typed otherwise
    dialog.form.postal_code.setText("00011")
    dialog.form.postal_code.editingFinished.emit()
    qtbot.waitUntil(lambda: proposer.isVisible(), timeout=WAIT_MS)
    assert "samma adress som en person i ärendet" in proposer.label.text()
    assert "Fiktiva gatan" not in proposer.label.text()  # it never says whose address
    assert proposer.accept_button.text() == "Sätt skyddad folkbokföring"
    proposer.accept_button.click()  # one click
    assert dialog.form.current_protection() is ProtectionLevel.PROTECTED_REGISTRATION
    dialog.form.first_name.setText("Sambo")
    dialog.form.last_name.setText("Samborsson-Fiktiv")
    dialog.form.number.setText(personnummer(date(1984, 3, 3), 343))
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.ok_button.click()
    wait_idle(qtbot, window)
    added = next(p for p in details(qtbot, window, ref.case_id).persons if p.first_name == "Sambo")
    assert added.protection_level is ProtectionLevel.PROTECTED_REGISTRATION
    assert added.contact is None  # hidden like hers


def test_children_of_a_protected_main_person_get_her_level_unless_unticked(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    mother = person("Skydda", "Mamsson-Fiktiv", protection=ProtectionLevel.CONFIDENTIALITY_MARK)
    [ref] = register(env, new_case(mother))
    window = logged_in(qtbot, make_window)
    workspace = workspace_of(window)
    dialog = ChildrenDialog(workspace.casework, window.runner, ref.case_id, workspace)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.protect_box.isVisible(), timeout=WAIT_MS)
    assert dialog.protect_box.isChecked()
    assert dialog.protect_box.text().endswith("sekretessmarkering")
    row = dialog.new_rows[0]
    row.first_name.setText("Lilla")
    row.last_name.setText("Mamsson-Fiktiv")
    row.identity.setText("2019-02-28")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.ok_button.click()
    wait_idle(qtbot, window)
    (child,) = [
        p for p in details(qtbot, window, ref.case_id).persons if p.role is PersonRole.CHILD
    ]
    assert child.protection_level is ProtectionLevel.CONFIDENTIALITY_MARK
