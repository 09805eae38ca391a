"""IT's policy.json in the window: the administrator page shows what IT fixed and what was
wrong in the file, a fixed value cannot be changed there, the setup guide takes IT's names and
binding rule, and the document preview follows the PDF export policy."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.common.test_document_preview import Outputs, pdf_printer, three_pages
from tests.ui.conftest import ADMIN, ADMIN_PASSWORD, UiEnv, login_ok, wait_idle
from vinr_desktop.domain.setup_flow import Step
from vinr_desktop.store.it_policy_file import POLICY_DIR_ENV
from vinr_desktop.ui.admin.admin_page import AdminPage
from vinr_desktop.ui.common.document_preview import DocumentPreviewDialog, PreparedDocument
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.setup_wizard import SetupWizard
from vinr_desktop.ui.shell.start_page import StartPage
from vinr_desktop.ui.shell.workspace import Workspace


@pytest.fixture
def policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, object]], Path]:
    """Write a policy.json in a folder of this test's and point the program at it."""
    folder = tmp_path / "it-policy"
    folder.mkdir()
    monkeypatch.setenv(POLICY_DIR_ENV, str(folder))

    def write(values: dict[str, object]) -> Path:
        path = folder / "policy.json"
        path.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
        return path

    return write


def _admin_page(qtbot: QtBot, window: MainWindow) -> AdminPage:
    workspace = window.current
    assert isinstance(workspace, Workspace)
    workspace.show_page("Administration")
    page = workspace.admin_page
    assert page is not None
    wait_idle(qtbot, window)
    return page


def test_admin_page_shows_what_it_fixed_and_what_was_wrong(
    qtbot: QtBot,
    env: UiEnv,
    make_window: Callable[[], MainWindow],
    policy: Callable[[dict[str, object]], Path],
) -> None:
    env.create_store()
    path = policy(
        {"idle_lock_minutes": 2, "pdf_export": "forbidden", "device_binding_required": "ja"}
    )
    window = make_window()
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    assert window.idle.timeout_seconds == 120  # IT's two minutes, for this session too
    page = _admin_page(qtbot, window)
    card = page.it_policy_card
    assert str(path) in card.intro.text()
    assert card.values["Automatisk låsning"].text() == "2 minuter"
    assert (
        card.values["Dokument som fil (Spara som PDF, skrivare som skriver till fil)"].text()
        == "Inte tillåtet"
    )
    assert card.problems.isVisible()
    assert '"device_binding_required" ska vara true eller false (står: "ja")' in (
        card.problems.text()
    )
    # The fixed value is shown and cannot be changed here.
    assert page.idle_spin.value() == 2
    assert not page.idle_spin.isEnabled() and not page.idle_save.isEnabled()
    assert page.idle_message.text() == "Fastställt av IT (policy.json)."


def test_without_a_policy_the_page_says_the_settings_are_made_here(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    window = make_window()
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    page = _admin_page(qtbot, window)
    assert "IT har inte fastställt några värden" in page.it_policy_card.intro.text()
    assert not page.it_policy_card.problems.isVisible()
    assert page.idle_spin.isEnabled() and page.idle_save.isEnabled()


def test_setup_guide_takes_its_names_and_binding_rule(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    policy: Callable[[dict[str, object]], Path],
) -> None:
    policy({"municipality": "Ånge kommun", "unit": "VINR-enheten", "device_binding_required": True})
    window = make_window()
    start = window.current
    assert isinstance(start, StartPage)
    start.create_button.click()
    wizard = window.current
    assert isinstance(wizard, SetupWizard)
    assert wizard.municipality.text() == "Ånge kommun" and wizard.municipality.isReadOnly()
    assert wizard.unit.text() == "VINR-enheten" and wizard.unit.isReadOnly()
    wizard.next_button.click()
    assert wizard.flow.step is Step.FIRST_USER
    wizard.full_name.setText("Ylva Testperson")
    wizard.username.setText("ylva")
    wizard.new_password.password.setText(ADMIN_PASSWORD)
    wizard.new_password.repeat.setText(ADMIN_PASSWORD)
    wizard.next_button.click()
    assert wizard.flow.step is Step.DEVICE_BINDING
    # Binding is required, and this machine has no credential store: nothing is created.
    assert not wizard.bind_box.isEnabled()
    wizard.next_button.click()
    assert wizard.flow.step is Step.DEVICE_BINDING
    assert "IT kräver att registret binds till datorn" in wizard.error.text()
    assert not window.ctx.store_exists()


def _preview(qtbot: QtBot, outputs: Outputs, file_export: str) -> DocumentPreviewDialog:
    document = PreparedDocument(
        pdf=three_pages(),
        title="Vårdplan",
        recipient="Utförare",
        file_name="vardplan.pdf",
        record=outputs.record,
        save=outputs.save,
        file_export=file_export,
    )
    dialog = DocumentPreviewDialog(document, OperationRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_forbidden_turns_saving_off_and_refuses_file_printers(qtbot: QtBot, tmp_path: Path) -> None:
    outputs = Outputs()
    dialog = _preview(qtbot, outputs, "forbidden")
    assert not dialog.save_button.isEnabled()
    assert "IT har stängt av" in dialog.save_button.toolTip()
    dialog.save_document()  # Ctrl+S reaches here even with the button off
    assert dialog.confirm_box is None
    assert "Skriv ut på papper" in dialog.error.text()
    written = tmp_path / "virtual-printer.pdf"
    dialog.print_to(pdf_printer(written))
    assert dialog.confirm_box is None and not written.exists()
    assert outputs.calls == []


def test_ask_is_the_default_and_asks(qtbot: QtBot) -> None:
    dialog = _preview(qtbot, Outputs(), "ask")
    dialog.save_document()
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
