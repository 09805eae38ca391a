"""The Gallring page through the real main window: the enhetschef sees the rules in force, the
proposal (a protected case by reference only), approves with the nämnd's decision and reads
the log; a handläggare has no such page. Screenshots go to VINR_SCREENSHOTS when it is set."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.casework import adult, entry, protected_adult, register
from tests.services.retention.sip_check import check_package
from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.conftest import UiEnv, open_dialog, wait_idle
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.retention import models as m
from vinr_desktop.ui.retention.archive_dialog import ArchiveDialog
from vinr_desktop.ui.retention.page import RetentionPage
from vinr_desktop.ui.shell.main_window import MainWindow
from vinr_desktop.ui.shell.workspace import Workspace

CHEF, PASSWORD = "chef", "ett eget lösenord för test 9"


def _shoot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("VINR_SCREENSHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))


def _unit(env: UiEnv) -> dict[str, str]:
    env.create_store()
    env.add_user(CHEF, "Chef Chefsdotter-Fiktiv", {"manager"}, PASSWORD)
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)
    services = CaseWorkServices.for_context(ctx)
    numbers = {}
    for key, person in (
        ("due", adult("Gunilla", "Gallringsson-Fiktiv", birth=date(1980, 4, 12), serial=311)),
        ("kept", adult("Berit", "Bevarasson-Fiktiv", birth=date(1979, 6, 15), serial=312)),
        ("hidden", protected_adult(last="Skyddsson-Fiktiv")),
    ):
        ref = register(services, person)
        services.journal.sign(ref.case_id, None, entry("Fiktiv anteckning om samtalet."))
        services.cases.close(ref.case_id, "goal_reached", "", "Målet nått.")
        numbers[key] = ref.number
    register(services, adult("Olga", "Oppensson-Fiktiv", serial=313))
    ctx.release()
    env.wall.advance(timedelta(days=6 * 366).total_seconds())
    return numbers


def _page(qtbot: QtBot, window: MainWindow) -> RetentionPage:
    workspace = window.current
    assert isinstance(workspace, Workspace)
    assert workspace.retention_page is not None
    workspace.show_page("Gallring")
    wait_idle(qtbot, window)
    return workspace.retention_page


def _cells(model: m.ProposalModel | m.LogModel, column: int) -> list[str]:
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def test_the_manager_reviews_approves_and_reads_the_log(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    numbers = _unit(env)
    window = logged_in_window(CHEF, PASSWORD)
    page = _page(qtbot, window)
    assert "Socialtjänstlagen (2025:400)" in page.rules_label.text()
    assert "sedan 2025-07-01" in page.rules_label.text()
    labels = _cells(page.model, m.P_CASE)
    assert numbers["due"] in labels[:2] and labels[2] == numbers["kept"]
    assert numbers["hidden"] not in labels
    hidden_row = next(r for r in page.model.rows if r.hidden)
    assert "Skyddsson" not in m.persons_text(hidden_row)
    assert "Skyddad person" in m.persons_text(hidden_row)
    assert page.summary.text().startswith("2 ärenden ska gallras, 1 bevaras, 0 väntar.")
    assert not page.approve_button.isEnabled()  # no decision typed yet
    page.decision.setText("SN § 45/2032")
    assert page.approve_button.isEnabled()
    _shoot(window, "gallring-forslag.png")
    page.approve_button.click()
    box = page.confirm_box
    assert box is not None and "2 ärenden" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: "gallrade" in page.message.text(), timeout=15_000)
    wait_idle(qtbot, window)
    assert page.message.text() == "2 ärenden gallrade."
    assert _cells(page.model, m.P_CASE) == [numbers["kept"]]
    page.tabs.setCurrentIndex(1)
    logged = _cells(page.log_model, m.L_CASE)
    assert numbers["due"] in logged and numbers["hidden"] not in logged and len(logged) == 2
    assert set(_cells(page.log_model, m.L_DECISION)) == {"SN § 45/2032"}
    _shoot(window, "gallring-logg.png")


def test_a_caseworker_has_no_gallring_page(
    env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    window = logged_in_window()
    workspace = window.current
    assert isinstance(workspace, Workspace)
    assert "Gallring" not in workspace.page_names and workspace.retention_page is None


def test_the_manager_exports_the_kept_cases_to_a_folder(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    numbers = _unit(env)
    window = logged_in_window(CHEF, PASSWORD)
    page = _page(qtbot, window)
    page.export_button.click()
    dialog = open_dialog(qtbot, ArchiveDialog)
    target = tmp_path / "arkivmapp"
    target.mkdir()
    dialog.folder.setText(str(target))
    _shoot(dialog, "gallring-arkivexport.png")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "E-arkivpaketet är skrivet" in page.message.text(), timeout=15_000)
    (package,) = target.iterdir()
    assert check_package(package) == []
    assert str(package) in page.message.text() and "(1 ärende)" in page.message.text()
    assert numbers["kept"] in (package / "metadata/descriptive/arenden.xml").read_text("utf-8")
