"""The setup wizard end to end: a real store is created and the recovery code shown once."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WAIT_MS, UiEnv, login_ok
from vinr_desktop.domain.setup_flow import Step
from vinr_desktop.ui.shell.main_window import MainWindow, Screen
from vinr_desktop.ui.shell.recovery_code import write_recovery_pdf
from vinr_desktop.ui.shell.setup_wizard import SetupWizard
from vinr_desktop.ui.shell.start_page import StartPage

CODE = re.compile(r"\A[0-9A-Z]{4}(-[0-9A-Z]{4}){5}\Z")
PASSWORD = "en lång och bra mening 42"


def test_setup_wizard_end_to_end(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    assert window.screen_kind is Screen.START
    assert window.windowTitle() == "VINR Desktop"
    start = window.current
    assert isinstance(start, StartPage)
    start.create_button.click()
    wizard = window.current
    assert isinstance(wizard, SetupWizard)

    # Errors from the flow appear in red under the fields, and the step stays.
    wizard.next_button.click()
    assert wizard.error.isVisible()
    assert wizard.error.text() == "Skriv kommunens namn."
    assert wizard.flow.step is Step.ORGANISATION

    wizard.municipality.setText("Exempelby kommun")
    wizard.unit.setText("VINR-enheten")
    wizard.next_button.click()
    assert wizard.flow.step is Step.FIRST_USER
    assert wizard.role_boxes["admin"].isChecked()

    wizard.full_name.setText("Ylva Testperson")
    wizard.username.setText("ylva")
    wizard.new_password.password.setText("kort")
    assert "minst 12" in wizard.new_password.hint.text()
    wizard.new_password.repeat.setText("kort")
    wizard.next_button.click()
    assert wizard.flow.step is Step.FIRST_USER
    assert "minst 12 tecken" in wizard.error.text()

    wizard.new_password.password.setText(PASSWORD)
    assert "bra längd" in wizard.new_password.hint.text()
    wizard.new_password.repeat.setText(PASSWORD)
    wizard.next_button.click()
    assert wizard.flow.step is Step.DEVICE_BINDING
    # No credential store here: the checkbox is off, disabled, and the page says why.
    assert not wizard.bind_box.isEnabled()
    assert not wizard.bind_box.isChecked()

    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.recovery_panel is not None, timeout=WAIT_MS)
    panel = wizard.recovery_panel
    assert panel is not None
    assert CODE.match(panel.code_label.text())
    code = panel.code_label.text()
    assert env.folder.joinpath("vinr.db").exists()
    assert wizard.new_password.password.text() == ""

    # The code must be confirmed before going on.
    wizard.next_button.click()
    assert wizard.flow.step is Step.RECOVERY_CODE
    assert panel.error.isVisible()
    panel.confirm.setChecked(True)
    wizard.next_button.click()
    assert wizard.flow.step is Step.DONE
    assert wizard.recovery_panel is None
    assert "ylva" in wizard.done_text.text()

    wizard.next_button.click()
    assert window.screen_kind is Screen.LOGIN
    assert window.current.username.text() == "ylva"  # type: ignore[union-attr]
    login_ok(qtbot, window, "ylva", PASSWORD)
    assert code not in window.windowTitle()


def test_wizard_back_and_cancel(make_window: Callable[[], MainWindow]) -> None:
    window = make_window()
    window.current.create_button.click()  # type: ignore[union-attr]
    wizard = window.current
    assert isinstance(wizard, SetupWizard)
    wizard.municipality.setText("Exempelby kommun")
    wizard.unit.setText("VINR-enheten")
    wizard.next_button.click()
    wizard.back_button.click()
    assert wizard.flow.step is Step.ORGANISATION
    assert wizard.back_button.text() == "Avbryt"
    wizard.back_button.click()
    assert window.screen_kind is Screen.START


def test_recovery_code_pdf(qtbot: QtBot, env: UiEnv) -> None:
    target = env.tmp_path / "kod.pdf"
    write_recovery_pdf(target, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01", "Exempelby kommun")
    assert target.read_bytes().startswith(b"%PDF")


def test_the_buttons_stay_put_when_an_error_appears(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()
    window.resize(1366, 768)
    window.show_setup()
    wizard = window.current
    assert isinstance(wizard, SetupWizard)

    def where() -> tuple[int, int]:
        QApplication.processEvents()
        point = wizard.next_button.mapTo(window, QPoint(0, 0))
        return point.x(), point.y()

    for step in (Step.ORGANISATION, Step.FIRST_USER):
        before = where()
        wizard.next_button.click()  # nothing filled in: an error
        assert wizard.flow.step is step and wizard.error.text()
        assert where() == before, step
        wizard.municipality.setText("Exempelby kommun")
        wizard.unit.setText("VINR-enheten")
        if step is Step.ORGANISATION:
            wizard.next_button.click()
