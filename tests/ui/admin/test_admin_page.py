"""The administration page: who sees it, adding a user, deactivating, settings."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QFormLayout, QMessageBox
from pytestqt.qtbot import QtBot

from tests.stores import ADMIN
from tests.ui.conftest import WAIT_MS, UiEnv, open_dialog, wait_idle
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.ui.admin.admin_page import AdminPage
from vinr_desktop.ui.admin.legal_grounds_dialog import LegalGroundsDialog
from vinr_desktop.ui.admin.user_dialogs import AddUserDialog
from vinr_desktop.ui.admin.users_model import COL_NAME, COL_STATUS, COL_USERNAME
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.workspace import Workspace

ONE_TIME = re.compile(r"\A[a-z2-9]{4}(-[a-z2-9]{4}){3}\Z")
BO_PASSWORD = "bo har ett eget lösenord 5"


def _admin_page(qtbot: QtBot, window: MainWindow) -> AdminPage:
    workspace = window.current
    assert isinstance(workspace, Workspace)
    workspace.show_page("Administration")
    page = workspace.admin_page
    assert page is not None
    assert workspace.pages.currentWidget() is page
    wait_idle(qtbot, window)
    return page


def test_caseworker_does_not_see_administration(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    env.add_user("bo", "Bo Fiktivsson", {"caseworker"}, password=BO_PASSWORD)
    window = logged_in_window("bo", BO_PASSWORD)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    assert workspace.page_names == [
        "Ärenden",
        "Bevakningar",
        "Egenkontroll",
        "Statistik",
        "Utförare",
        "Vem har sett mina ärenden?",
    ]
    assert workspace.admin_page is None
    from vinr_desktop.ui.cases.cases_page import CasesPage

    assert isinstance(workspace.pages.widget(0), CasesPage)


def test_admin_only_sees_administration(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    env.add_user("it", "It Fiktivsson", {"admin"}, password=BO_PASSWORD)
    window = logged_in_window("it", BO_PASSWORD)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    assert workspace.page_names == ["Administration", "Säkerhetskopior"]


def test_admin_adds_user_and_sees_one_time_password(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    window = logged_in_window()
    page = _admin_page(qtbot, window)
    assert page.model.rowCount() == 1
    assert page.model.index(0, COL_USERNAME).data() == ADMIN
    assert "hel och oförändrad" in page.audit_label.text()

    page.add_button.click()
    dialog = open_dialog(qtbot, AddUserDialog)
    dialog.full_name.setText("Cilla Fiktivsson")
    dialog.username.setText("cilla")
    dialog.work_phone.setText("0690-250 123")
    dialog.work_email.setText("cilla@exempel.invalid")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.one_time_view is not None, timeout=WAIT_MS)
    assert dialog.one_time_view is not None
    assert ONE_TIME.match(dialog.one_time_view.password_label.text())
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    row = page.model.row_of(next(u.user_id for u in page.model.rows if u.username == "cilla"))
    assert page.model.index(row, COL_NAME).data() == "Cilla Fiktivsson"
    assert page.model.index(row, COL_STATUS).data() == "Aktiv – har engångslösenord"
    assert page.user_message.text() == "cilla är tillagd."
    cilla = next(u for u in page.model.rows if u.username == "cilla")
    assert (cilla.work_phone, cilla.work_email) == ("0690-250 123", "cilla@exempel.invalid")

    # Her work phone and e-mail changed later, from the list.
    page.table.selectRow(row)
    page.contact_button.click()
    from vinr_desktop.ui.admin.work_contact_dialog import WorkContactDialog

    contact = page.findChild(WorkContactDialog)
    assert contact is not None
    qtbot.waitUntil(lambda: contact.ok_button.isEnabled(), timeout=WAIT_MS)
    assert contact.phone.text() == "0690-250 123"
    contact.email.setText("inte en adress")
    contact.ok_button.click()
    qtbot.waitUntil(lambda: contact.error.isVisible(), timeout=WAIT_MS)
    assert "e-postadress" in contact.error.text()
    contact.email.setText("cilla.f@exempel.invalid")
    with qtbot.waitSignal(contact.accepted, timeout=WAIT_MS):
        contact.ok_button.click()
    wait_idle(qtbot, window)
    assert page.user_message.text() == "Kontaktuppgifterna är sparade."


def test_add_user_error_inline(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    window = logged_in_window()
    page = _admin_page(qtbot, window)
    page.add_button.click()
    dialog = open_dialog(qtbot, AddUserDialog)
    dialog.full_name.setText("Ada Igen")
    dialog.username.setText(ADMIN)
    dialog.add_button.click()
    wait_idle(qtbot, window)
    assert dialog.error.text() == "Användarnamnet finns redan."
    assert dialog.one_time_view is None


def test_admin_deactivates_user(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    env.add_user("bo", "Bo Fiktivsson", {"caseworker"}, password=BO_PASSWORD)
    window = logged_in_window()
    page = _admin_page(qtbot, window)
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).username == "bo")
    own = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).username == ADMIN)
    page.table.selectRow(own)
    assert not page.deactivate_button.isEnabled()  # not oneself
    page.table.selectRow(row)
    assert page.deactivate_button.isEnabled()
    page.deactivate_button.click()
    box = open_dialog(qtbot, QMessageBox)
    assert "krypteras om" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: "avaktiverad" in page.user_message.text(), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: page.model.index(row, COL_STATUS).data() == "Avaktiverad", timeout=WAIT_MS
    )
    wait_idle(qtbot, window)
    assert "hel och oförändrad" in page.audit_label.text()


def test_idle_minutes_setting(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    window = logged_in_window()
    page = _admin_page(qtbot, window)
    assert page.idle_spin.value() == 5
    assert (page.idle_spin.minimum(), page.idle_spin.maximum()) == (1, 15)
    page.idle_spin.setValue(2)
    page.idle_save.click()
    wait_idle(qtbot, window)
    assert page.idle_message.text() == "Sparat."
    assert window.idle.timeout_seconds == 120

    assert page.emergency_spin.value() == 60
    page.emergency_spin.setValue(30)
    page.emergency_save.click()
    wait_idle(qtbot, window)
    assert page.emergency_message.text() == "Sparat."
    assert AdminService(window.ctx).emergency_access_minutes() == 30


def test_broken_audit_chain_is_a_loud_warning(
    qtbot: QtBot,
    env: UiEnv,
    logged_in_window: Callable[..., MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    problems = ["rad 7: fältet action har ändrats", "loggen slutar vid rad 40, nyckelfilen: 42"]
    monkeypatch.setattr(AdminService, "verify_audit_chain", lambda _self: problems)
    window = logged_in_window()
    page = _admin_page(qtbot, window)
    assert page.audit_warning.isVisible()
    assert page.audit_warning.text().startswith("VARNING: Granskningsloggen stämmer inte.")
    for problem in problems:
        assert f"• {problem}" in page.audit_warning.text()


def test_own_contact_details_from_the_account_menu(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    """Her name in the top bar opens her own account: her work phone, printed on documents."""
    from vinr_desktop.ui.admin.work_contact_dialog import WorkContactDialog

    window = logged_in_window()
    workspace = window.current
    assert isinstance(workspace, Workspace)
    menu = workspace.user_button.menu()
    assert [a.text() for a in menu.actions()] == [
        "Mina kontaktuppgifter…",
        "Byt lösenord…",
        "Visa Bevakningar först vid inloggning",
        "",  # the separator
        "Logga ut",
    ]
    workspace.contact_action.trigger()
    contact = workspace.findChild(WorkContactDialog)
    assert contact is not None
    qtbot.waitUntil(lambda: contact.ok_button.isEnabled(), timeout=WAIT_MS)
    contact.phone.setText("0690-250 999")
    with qtbot.waitSignal(contact.accepted, timeout=WAIT_MS):
        contact.ok_button.click()
    wait_idle(qtbot, window)
    workspace.contact_action.trigger()
    again = [d for d in workspace.findChildren(WorkContactDialog) if d.isVisible()][-1]
    qtbot.waitUntil(lambda: again.ok_button.isEnabled(), timeout=WAIT_MS)
    assert again.phone.text() == "0690-250 999"
    again.reject()


def test_security_status_says_whether_screen_capture_is_blocked_here(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    """Only Windows can keep the window out of screenshots during a home visit; elsewhere the
    security status says so rather than letting anyone assume it."""
    window = logged_in_window()
    page = _admin_page(qtbot, window)
    wait_idle(qtbot, window)
    rows = {
        page.status_form.itemAt(r, QFormLayout.ItemRole.LabelRole).widget().text(): (
            page.status_form.itemAt(r, QFormLayout.ItemRole.FieldRole).widget().text()
        )
        for r in range(page.status_form.rowCount())
    }
    expected = "på under hembesök" if sys.platform == "win32" else "finns inte på den här datorn"
    assert rows["Skärmdumpsskydd"].startswith(expected)


def test_admin_reads_the_legal_grounds_and_what_is_unchecked(
    qtbot: QtBot, logged_in_window: Callable[..., MainWindow]
) -> None:
    page = _admin_page(qtbot, logged_in_window())
    page.legal_button.click()
    dialog = open_dialog(qtbot, LegalGroundsDialog, page)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=WAIT_MS)
    assert "socialtjänstlagen (2025:400) sedan 2025-07-01" in dialog.in_force.text()
    assert "inte kontrollerade" in dialog.unverified.text()
    texts = [dialog.model.index(r, 3).data() for r in range(dialog.model.rowCount())]
    assert "Ej kontrollerad" in texts
    assert dialog.source.text().startswith("Källa:")
    dialog.accept()
