"""A scripted session through the real window with marker strings, then a scan of every file
the program wrote (data folder with -wal/-shm, its log folder, the temp folder): the markers
exist only inside the encrypted store. Window titles never carry them either."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.leakscan import scan
from tests.ui.conftest import WAIT_MS, UiEnv, login_ok, open_dialog, wait_idle
from vinr_desktop.ui.admin.user_dialogs import AddUserDialog
from vinr_desktop.ui.common import diagnostics
from vinr_desktop.ui.shell.main_window import MainWindow, Screen
from vinr_desktop.ui.shell.setup_wizard import SetupWizard
from vinr_desktop.ui.shell.workspace import Workspace

MUNICIPALITY = "Markörkommun Qvzxjkwp"
UNIT = "Markörenhet Wqkzpvxj"
FULL_NAME = "Markörnamn Zxqvbkjw-Fiktiv"
NEW_USER = "Markörkollega Pqzwxvkj"
MARKERS = (MUNICIPALITY, UNIT, FULL_NAME, NEW_USER)
PASSWORD = "markörsessionens lösen 1"


@pytest.fixture
def program_log(env: UiEnv) -> Iterator[Path]:
    """The program's own log file, set up as `main()` does."""
    logs = env.folder / "logs"
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    diagnostics.setup_logging(logs)
    logging.getLogger("vinr_desktop.ui").info("leak test session starts")  # the file exists
    try:
        yield logs
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers[:], level = saved
        root.setLevel(level)


def test_marker_session_leaves_nothing_in_plain_text(
    qtbot: QtBot,
    env: UiEnv,
    make_window: Callable[[], MainWindow],
    private_tmp: Path,
    program_log: Path,
) -> None:
    titles: set[str] = set()
    window = make_window()
    window.windowTitleChanged.connect(titles.add)
    window.current.create_button.click()  # type: ignore[union-attr]
    wizard = window.current
    assert isinstance(wizard, SetupWizard)
    wizard.municipality.setText(MUNICIPALITY)
    wizard.unit.setText(UNIT)
    wizard.next_button.click()
    wizard.full_name.setText(FULL_NAME)
    wizard.username.setText("mark")
    wizard.new_password.password.setText(PASSWORD)
    wizard.new_password.repeat.setText(PASSWORD)
    wizard.next_button.click()
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.recovery_panel is not None, timeout=WAIT_MS)
    wizard.recovery_panel.confirm.setChecked(True)  # type: ignore[union-attr]
    wizard.next_button.click()
    wizard.next_button.click()
    login_ok(qtbot, window, "mark", PASSWORD)

    workspace = window.current
    assert isinstance(workspace, Workspace)
    wait_idle(qtbot, window)  # the unit name and security status have been fetched and shown
    workspace.show_page("Administration")
    page = workspace.admin_page
    assert page is not None
    wait_idle(qtbot, window)
    page.add_button.click()
    dialog = open_dialog(qtbot, AddUserDialog)
    dialog.full_name.setText(NEW_USER)
    dialog.username.setText("kollega")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.one_time_view is not None, timeout=WAIT_MS)
    dialog.close()

    window.lock()
    qtbot.waitUntil(lambda: window.ctx.store is None, timeout=WAIT_MS)
    window.current.password.setText(PASSWORD)  # type: ignore[union-attr]
    window.current.unlock_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.screen_kind is Screen.WORKSPACE, timeout=WAIT_MS)
    wait_idle(qtbot, window)

    # While the store is open, its -wal and -shm exist: scan them too.
    assert scan([env.folder, private_tmp], MARKERS) == []
    window.close()
    qtbot.waitUntil(lambda: window.ctx.store is None, timeout=WAIT_MS)

    assert (env.folder / "vinr.db").exists()
    assert (program_log / "vinr-desktop.log").exists()
    for title in (*titles, window.windowTitle()):
        assert not any(part.lower() in title.lower() for m in MARKERS for part in m.split())
    # The scan can find a marker where one is: otherwise it proves nothing.
    (private_tmp / "canary").write_text(FULL_NAME, encoding="utf-8")
    assert scan([private_tmp], MARKERS)
    (private_tmp / "canary").unlink()
    assert scan([env.folder, program_log, private_tmp], MARKERS) == []
