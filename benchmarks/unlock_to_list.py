"""unlock_to_list: from the password given to the case list of 1,000 cases shown.

Each run is a fresh process that starts the program as a user does (`vinr_desktop.ui.app.main`
on the case-work store, offscreen). Once the login window is up and the program has gone quiet
(its start-up warm-up done, then half a second, less than anyone takes to type a password), the
child fills in the demo caseworker's name and password and clicks *Logga in*; the clock starts
at the click. It stops when the case list model holds every case and the window has been
painted with it. Between the two: the full Argon2id derivation (key slots at the floor),
unsealing, the store opened, the login audited, the workspace built and the list loaded.

Nothing carries over from one run to the next except the operating system's file cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.common import Measure, median

TARGET_S = 0.6
MARKER = "VINR-UNLOCK-TO-LIST"
TIMEOUT_S = 120.0
TYPING_MS = 500

_CHILD = f"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from vinr_desktop.store import keys
from vinr_desktop.ui.cases import list_model as case_list_model
from vinr_desktop.ui.shell.main_window import MainWindow, Screen

expected = int(sys.argv[2])
times = {{}}
_derive = keys.derive_wrapping_key
def derive(*args, **kwargs):
    start = time.perf_counter()
    try:
        return _derive(*args, **kwargs)
    finally:
        times["kdf"] = time.perf_counter() - start
keys.derive_wrapping_key = derive

_set_rows = case_list_model.CaseListModel.set_rows
def set_rows(self, rows):
    _set_rows(self, rows)
    if "click" in times and self.rowCount() == expected and "rows" not in times:
        times["rows"] = time.perf_counter()
        QTimer.singleShot(0, finish)
case_list_model.CaseListModel.set_rows = set_rows

window = None
def finish():
    window.repaint()  # what is on screen now includes the list
    done = time.perf_counter()
    click = times["click"]
    print({MARKER!r}, done - click, times["rows"] - click, times.get("kdf", -1.0), flush=True)
    QApplication.quit()

def log_in():
    page = window.current
    page.username.setText("handlaggare")
    page.password.setText(sys.argv[3])
    times["click"] = time.perf_counter()
    page.login_button.click()
    QTimer.singleShot(60_000, give_up)

def give_up():
    print("no case list within 60 s; login page says:", window.current.error.text(), flush=True)
    QApplication.exit(3)

_warm_up = MainWindow.warm_up
def warm_up(self):
    _warm_up(self)
    times["warm-up started"] = True
MainWindow.warm_up = warm_up

def wait_for_quiet():
    busy = window.runner.busy or "warm-up started" not in times
    if window.screen_kind is not Screen.LOGIN or busy:
        QTimer.singleShot(20, wait_for_quiet)
        return
    QTimer.singleShot({TYPING_MS}, log_in)

_show = MainWindow.show
def show(self):
    global window
    window = self
    _show(self)
    QTimer.singleShot(0, wait_for_quiet)
MainWindow.show = show

from vinr_desktop.ui.app import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def one_run(folder: Path, cases: int, password: str) -> tuple[float, float, float]:
    """(seconds to the list shown, seconds to the rows loaded, seconds in the KDF)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    root = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH", "")]))
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(folder), str(cases), password],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT_S,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith(MARKER):
            shown, rows, kdf = (float(v) for v in line.split()[1:4])
            return shown, rows, kdf
    raise RuntimeError(
        f"unlock_to_list child failed (exit {done.returncode}): "
        f"{done.stdout[-300:]} {done.stderr[-600:]}"
    )


def measure(folder: Path, cases: int, runs: int) -> Measure:
    from vinr_desktop.services.demo.register import DEMO_PASSWORD

    one_run(folder, cases, DEMO_PASSWORD)  # warms the OS file cache, not counted
    results = [one_run(folder, cases, DEMO_PASSWORD) for _ in range(runs)]
    shown = [r[0] for r in results]
    return Measure(
        "unlock_to_list",
        median(shown),
        "s",
        TARGET_S,
        f"password given → {cases} cases shown, fresh process, KDF floor "
        f"({median([r[2] for r in results]):.3f} s); rows in "
        f"{median([r[1] for r in results]):.3f} s; worst {max(shown):.3f} s",
    )
