"""Utförare in the real window (add with the kind's own field, change, take out of use) and the
care settings on the administration page, in one logged-in window (the admin also works cases).

Set CARE_SHOTS to a folder to also save screenshots at 1366x768.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import WAIT_MS, UiEnv, login_ok, wait_idle
from vinr_desktop.ui.care.provider_dialog import ProviderDialog
from vinr_desktop.ui.care.providers_page import COL_ACTIVE, COL_NAME, ProvidersPage
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.workspace import Workspace

SHOTS = os.environ.get("CARE_SHOTS", "")


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def cells(page: ProvidersPage, column: int) -> list[str]:
    model = page.model
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def test_provider_register_and_care_settings(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> None:
    env.create_store()
    window = make_window()
    window.resize(1366, 768)
    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    workspace = window.current
    assert isinstance(workspace, Workspace)
    assert "Utförare" in workspace.page_names
    workspace.show_page("Utförare")
    page = workspace.page_by_name["Utförare"]
    assert isinstance(page, ProvidersPage)
    wait_idle(qtbot, window)
    assert page.empty_label.isVisibleTo(page)

    # Add: skyddat boende asks for its IVO permit.
    page.add_button.click()
    dialog = page.dialog
    assert isinstance(dialog, ProviderDialog)
    dialog.name.setText("Skyddade boendet Fiktiva")
    dialog.kind.setCurrentIndex(dialog.kind.findData("skyddat_boende"))
    assert dialog.permit.isVisibleTo(dialog)
    dialog.takes_children.setChecked(True)
    dialog.agreement.setText("Avtal 2026:7")
    qtbot.keyClicks(dialog.price, "24x00")  # the price per dygn: digits only
    assert dialog.price.text() == "2400"
    shot(dialog, "provider_dialog")
    dialog.save_button.click()
    wait_idle(qtbot, window)
    assert "IVO" in dialog.error.text()
    dialog.permit.setText("IVO 1.1-0000/2026")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: cells(page, COL_NAME) == ["Skyddade boendet Fiktiva"], timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert page.message.text() == "Utföraren är tillagd."

    # Change it (Enter on the selected row opens it).
    page.table.setFocus()
    page.edit_provider()
    dialog = page.dialog
    assert isinstance(dialog, ProviderDialog)
    assert dialog.permit.text() == "IVO 1.1-0000/2026"
    assert dialog.takes_children.isChecked()
    assert dialog.value().price_per_night == 2400  # kept (the statistics' cost)
    dialog.name.setText("Skyddade boendet Fiktiva Nord")
    dialog.save_button.click()
    qtbot.waitUntil(
        lambda: cells(page, COL_NAME) == ["Skyddade boendet Fiktiva Nord"], timeout=WAIT_MS
    )
    wait_idle(qtbot, window)
    shot(window, "providers_page")

    # Take out of use: gone from the list, back with "Visa inaktiva".
    page.active_button.click()
    box = page.confirm_box
    assert box is not None
    yes = box.button(QMessageBox.StandardButton.Yes)
    assert yes is not None
    yes.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT_MS)
    page.show_inactive.setChecked(True)
    qtbot.waitUntil(lambda: cells(page, COL_ACTIVE) == ["Inaktiv"], timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert page.active_button.text() == "Ta i bruk igen"

    # The care settings on the administration page.
    workspace.show_page("Administration")
    admin_page = workspace.admin_page
    assert admin_page is not None
    card = admin_page.care_settings
    wait_idle(qtbot, window)
    assert card.reminder_spin.value() == 14
    assert card.interval_spin.value() == 6
    assert card.identity.currentData() == "birth_date"
    card.reminder_spin.setValue(21)
    card.reminder_save.click()
    card.interval_spin.setValue(3)
    card.interval_save.click()
    card.identity.setCurrentIndex(card.identity.findData("full"))
    card.identity_save.click()
    wait_idle(qtbot, window)
    assert card.identity_message.text() == "Sparat."
    card.reminder_spin.setValue(1)
    card.reload()
    wait_idle(qtbot, window)
    assert (card.reminder_spin.value(), card.interval_spin.value()) == (21, 3)
    assert card.identity.currentData() == "full"
    shot(card, "admin_care_settings")
