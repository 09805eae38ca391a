"""The Säkerhetskopior page as an administrator uses it: back up now, see the copy and its
manifest, check it, restore it back to the login, and a damaged copy refused."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from tests.casework import SECRET_CITY, SECRET_STREET, adult, register
from tests.stores import ADMIN, ADMIN_PASSWORD
from tests.ui.backup.conftest import backups_in, prepare
from tests.ui.conftest import WAIT_MS, UiEnv, login_ok, open_dialog, wait_idle
from vinr_desktop.domain.persons import ContactDetails
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.store.backup_folder import DB_NAME
from vinr_desktop.ui.backup.page import BackupPage
from vinr_desktop.ui.backup.secret_dialog import BackupSecretDialog
from vinr_desktop.ui.shell.main_window import MainWindow, Screen
from vinr_desktop.ui.shell.workspace import Workspace

SHOTS = os.environ.get("BACKUP_SHOTS", "")


def _page(qtbot: QtBot, window: MainWindow) -> tuple[Workspace, BackupPage]:
    workspace = window.current
    assert isinstance(workspace, Workspace) and workspace.backup_page is not None
    workspace.show_page("Säkerhetskopior")
    wait_idle(qtbot, window)
    return workspace, workspace.backup_page


def _shot(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


def test_backup_now_appears_in_the_list_with_its_manifest(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    usb = env.tmp_path / "usb"
    usb.mkdir()
    window = logged_in_window()
    workspace, page = _page(qtbot, window)
    assert workspace.backup_label.text() == "Senaste säkerhetskopia: aldrig"
    assert workspace.backup_label.property("age") == "red"
    assert not page.backup_button.isEnabled()  # no folder yet
    page.use_folder(str(usb))
    wait_idle(qtbot, window)
    assert page.folder_label.text() == str(usb)
    assert page.backup_button.isEnabled()

    reports: list[tuple[int, int]] = []
    page.relay.progressed.connect(lambda done, total: reports.append((done, total)))
    page.backup_button.click()
    assert page.backup_button.text() == "Säkerhetskopierar…" and page.progress.isVisible()
    qtbot.waitUntil(lambda: page.list_card.model.rowCount() == 1, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert reports and reports[-1][0] == reports[-1][1] > 0  # every page copied
    assert not page.progress.isVisible() and page.backup_button.isEnabled()
    assert page.backup_message.text().endswith("är skriven och kontrollerad.")
    assert len(backups_in(usb)) == 1
    manifest = page.list_card.manifest_label.text()
    assert "Rader per tabell:" in manifest and "    users: 1" in manifest
    assert page.list_card.model.index(0, 4).data() == f"{ADMIN}, återställningskoden"
    assert (
        workspace.backup_label.text()
        == "Senaste säkerhetskopia: 2026-03-02 " + (workspace.backup_label.text()[-5:])
    )
    assert workspace.backup_label.property("age") == "fresh"
    window.resize(1366, 768)
    qtbot.wait(50)
    _shot(window, "backup-page")
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    qtbot.wait(50)
    _shot(window, "backup-page-list")
    window.resize(900, 600)
    qtbot.wait(50)
    _shot(window, "backup-page-smallest")

    page.list_card.manifests.clear()  # as after a new login: the counts are sealed
    page.list_card._selection_changed()
    assert "Kontrollera…" in page.list_card.manifest_label.text()
    page.list_card.verify_button.click()
    dialog = open_dialog(qtbot, BackupSecretDialog)
    dialog.secret.setText(ADMIN_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=WAIT_MS)
    assert page.list_card.manifest_label.text().startswith("Kopian är hel och kontrollerad.")


def _change_a_setting(qtbot: QtBot, window: MainWindow, page: BackupPage) -> None:
    page.daily_spin.setValue(9)
    page.settings_save.click()
    wait_idle(qtbot, window)
    assert page.settings_message.text() == "Sparat."


def test_restore_round_trip_through_the_page_back_to_the_login(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    usb = prepare(env, backup_first=True)
    window = logged_in_window()
    _workspace, page = _page(qtbot, window)
    _change_a_setting(qtbot, window, page)  # after the backup: gone after the restore
    assert page.list_card.model.rowCount() == 1
    page.list_card.restore_button.click()
    dialog = open_dialog(qtbot, BackupSecretDialog)
    _shot(dialog, "restore-dialog")
    dialog.code_choice.setChecked(True)
    dialog.secret.setText(env.recovery_code)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: window.screen_kind is Screen.LOGIN, timeout=WAIT_MS)
    box = open_dialog(qtbot, QMessageBox)
    assert box.text().startswith("Registret är återställt från säkerhetskopian tagen ")
    assert "Logga in igen." in box.text()
    box.close()
    aside = [p.name for p in env.tmp_path.iterdir() if "före återställning" in p.name]
    assert len(aside) == 1 and aside[0].startswith("register före återställning ")
    assert len(backups_in(usb)) == 1

    login_ok(qtbot, window, ADMIN, ADMIN_PASSWORD)
    _workspace, page = _page(qtbot, window)
    assert page.daily_spin.value() == 7  # the setting changed after the backup is gone


def test_a_damaged_backup_is_refused_and_nothing_changes(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    usb = prepare(env, backup_first=True)
    [name] = backups_in(usb)
    db = usb / name / DB_NAME
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0xFF
    db.write_bytes(bytes(data))
    before = sorted(p.name for p in env.tmp_path.iterdir())
    window = logged_in_window()
    _workspace, page = _page(qtbot, window)
    page.list_card.restore_button.click()
    dialog = open_dialog(qtbot, BackupSecretDialog)
    dialog.secret.setText(ADMIN_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=WAIT_MS)
    assert "är skadad" in dialog.error.text() and "Ingenting har ändrats." in dialog.error.text()
    assert dialog.isVisible() and window.screen_kind is Screen.WORKSPACE
    assert sorted(p.name for p in env.tmp_path.iterdir()) == before
    dialog.reject()


def test_locking_during_a_backup_lets_it_finish(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    usb = prepare(env)
    window = logged_in_window()
    _workspace, page = _page(qtbot, window)
    page.backup_button.click()
    window.lock()  # the page goes while the copy runs on the database thread
    qtbot.waitUntil(lambda: window.screen_kind is Screen.LOCKED, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    assert len(backups_in(usb)) == 1
    screen = window.current
    screen.password.setText(ADMIN_PASSWORD)  # type: ignore[union-attr]
    screen.unlock_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.screen_kind is Screen.WORKSPACE, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    label = _page(qtbot, window)[0].backup_label
    assert label.status is not None and label.status.failed_utc is None
    assert label.property("age") == "fresh"


def _texts(widget: QWidget) -> str:
    """Everything the page shows: labels, buttons and every table cell."""
    parts = [w.text() for w in widget.findChildren(QLabel)]
    parts += [w.text() for w in widget.findChildren(QPushButton)]
    for view in widget.findChildren(QTableView):
        model = view.model()
        parts += [
            str(model.index(r, c).data())
            for r in range(model.rowCount())
            for c in range(model.columnCount())
        ]
    return "\n".join(parts)


def test_the_page_and_the_backup_folder_hold_no_case_content(
    qtbot: QtBot, env: UiEnv, logged_in_window: Callable[..., MainWindow]
) -> None:
    env.create_store()
    ctx = env.context()
    AuthService(ctx).login(ADMIN, ADMIN_PASSWORD)  # Ada also works cases
    person = adult(
        "Markörina",
        "Läcksson-Fiktiv",
        contact=ContactDetails(SECRET_STREET, "000 11", SECRET_CITY, ""),
    )
    register(CaseWorkServices.for_context(ctx), person)
    AuthService(ctx).logout()
    ctx.release()
    usb = prepare(env)
    window = logged_in_window()
    _workspace, page = _page(qtbot, window)
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.list_card.model.rowCount() == 1, timeout=WAIT_MS)
    wait_idle(qtbot, window)
    shown = _texts(page)
    assert "cases: 1" in shown  # the counts, not the case
    for marker in ("Markörina", "Läcksson", SECRET_STREET, SECRET_CITY, "VINR-20"):
        assert marker not in shown
        for path in usb.rglob("*"):
            assert marker not in path.name
            if path.is_file():
                assert marker.encode() not in path.read_bytes()
