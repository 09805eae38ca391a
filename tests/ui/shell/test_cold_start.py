"""The cold start builds the login window without what makes PySide slow to start.

startup_ratio (benchmarks/startup.py) measures the time; these tests hold the causes, which a
single new `from PySide6.QtCore import Qt` on the login window's path would bring back:
PySide's `Qt` namespace (hundreds of enums, about 15 ms) and a style set from Python.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.conftest import UiEnv
from vinr_desktop.ui.common import diagnostics
from vinr_desktop.ui.common.widgets import (
    link_button,
    password_edit,
    set_keys,
    styled_label,
)

# Starts the program as the benchmark does and reports, once a window is shown, which window,
# whether the Qt namespace exists yet, and the style under the style sheet.
_REPORT_FIRST_WINDOW = """
import sys
import PySide6.QtCore as qtcore
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

def report():
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    if not shown:
        QTimer.singleShot(1, report)
        return
    made = qtcore.__dict__.get("Qt") is not None
    print("WINDOW", type(shown[0]).__name__, shown[0].current.__class__.__name__, flush=True)
    print("QT NAMESPACE", made, flush=True)
    app = QApplication.instance()
    app.setStyleSheet("")
    print("STYLE", app.style().name(), flush=True)
    shown[0].activateWindow()  # state changes reach their slots without an error
    QTimer.singleShot(300, QApplication.quit)

_exec = QApplication.exec
def exec_and_report(*_args):
    QTimer.singleShot(0, report)
    return _exec()
QApplication.exec = exec_and_report

from vinr_desktop.ui.app import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def test_login_window_comes_up_without_the_qt_namespace_and_in_fusion(env: UiEnv) -> None:
    env.create_store()
    child_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _REPORT_FIRST_WINDOW, str(env.folder)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=child_env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        "WINDOW MainWindow LoginPage",
        "QT NAMESPACE False",
        "STYLE fusion",
    ]
    # Uncaught errors and Qt's warnings go to the program's log, not to stderr.
    log_file = env.folder / "logs" / diagnostics.LOG_NAME
    logged = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
    assert "ERROR" not in logged and "WARNING" not in logged, logged


def test_properties_set_by_key_names_take_effect(qtbot: QtBot) -> None:
    label = styled_label("<b>Anna Andersson (fiktiv)</b>")
    edit = password_edit()
    qtbot.addWidget(label)
    qtbot.addWidget(edit)
    assert label.textFormat() == Qt.TextFormat.PlainText  # a name is never read as markup
    assert edit.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu  # no copying out
    assert edit.inputMethodHints() & Qt.InputMethodHint.ImhSensitiveData
    assert edit.echoMode() == QLineEdit.EchoMode.Password


def test_a_misspelt_key_is_an_error_not_a_silent_default(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    with pytest.raises(ValueError):
        set_keys(label, "textFormat", "Plaintext")


def test_a_link_shows_the_hand_once_the_mouse_is_over_it(qtbot: QtBot) -> None:
    button = link_button("Glömt lösenordet?")
    qtbot.addWidget(button)
    button.show()
    assert button.cursor().shape() == Qt.CursorShape.ArrowCursor
    inside = QPointF(5, 5)
    QApplication.sendEvent(button, QEnterEvent(inside, inside, button.mapToGlobal(inside)))
    assert button.cursor().shape() == Qt.CursorShape.PointingHandCursor
