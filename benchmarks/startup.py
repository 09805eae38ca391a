"""Cold start: from process start to the login window shown, beside a bare PySide6 window.

startup_ratio is the worst of the runs (each run: a bare window, then the program, one after
the other), so it passes only when every run does ("5 of 5").

Both are started the same way, as `python -c` subprocesses. The same hook is put in front of
each: it wraps `QApplication.exec` so that, once the event loop runs and a top-level window is
visible, the child prints a marker and quits. The parent times from just before starting the
process to reading that marker.

The frozen program (`./scripts/package` builds dist/vinr-desktop/, or `VINR_FROZEN_BUNDLE`
names another) is timed beside them in the same runs when it exists: started as IT installs
it, with `--smoke-test`, which prints its first screen once the window is shown and quits
(`startup_frozen_s`, and `startup_frozen_ratio` against the bare window; info, no target).

The program's own start is used when `vinr_desktop.ui.app.main` exists and shows a window for
an existing store (`--data-dir`); until then a stand-in is measured (PySide6, the services and
the store's offline status behind a QLabel) and the report says so.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import Measure, median

RATIO_TARGET = 1.5
MARKER = "VINR-BENCH-SHOWN"
TIMEOUT_S = 60.0

# Shared prefix: wait for a visible top-level window after exec() starts, report it, quit.
_HOOK = f"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
_exec = QApplication.exec
def _report():
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    if not shown:
        QTimer.singleShot(1, _report)
        return
    print({MARKER!r}, type(shown[0]).__name__, flush=True)
    QApplication.quit()
def _hooked_exec(*_args):
    QTimer.singleShot(0, _report)
    return _exec()
QApplication.exec = _hooked_exec
"""

BARE = (
    _HOOK
    + """
from PySide6.QtWidgets import QWidget
app = QApplication(sys.argv[:1])
window = QWidget()
window.setWindowTitle("VINR Desktop")
window.resize(480, 360)
window.show()
app.exec()
"""
)

REAL_APP = (
    _HOOK
    + """
sys.argv = ["vinr-desktop", "--data-dir", sys.argv[1]]
from vinr_desktop.ui.app import main
main()
"""
)

STAND_IN = (
    _HOOK
    + """
from pathlib import Path
from PySide6.QtWidgets import QLabel
from vinr_desktop.services.accounts import status
from vinr_desktop.services.context import AppContext
app = QApplication(sys.argv[:1])
ctx = AppContext(Path(sys.argv[1]))
facts = status.offline_status(ctx.paths)
label = QLabel("Logga in – " + ", ".join(facts.usernames))
label.setWindowTitle("VINR Desktop")
label.resize(480, 360)
label.show()
app.exec()
"""
)


IMPORT_COST = """
import sys, time
import PySide6.QtWidgets
start = time.perf_counter()
import vinr_desktop.ui.app
print(time.perf_counter() - start, "sqlalchemy" in sys.modules and "alembic" in sys.modules)
"""


def _import_cost(env: dict[str, str], runs: int) -> tuple[float, bool]:
    """Seconds to import vinr_desktop.ui.app after PySide6, and whether that pulled in
    SQLAlchemy and Alembic (fresh process each time)."""
    seconds: list[float] = []
    heavy = False
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", IMPORT_COST],
            capture_output=True,
            text=True,
            env=env,
            timeout=TIMEOUT_S,
            check=True,
        )
        value, flag = done.stdout.split()
        seconds.append(float(value))
        heavy = heavy or flag == "True"
    return median(seconds), heavy


def _child_env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Keep any settings the program writes out of the real user folders.
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = work / "xdg" / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    return env


def time_start(code: str, args: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Seconds from process start to the marker, and the class of the window shown."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith(MARKER):
                elapsed = time.perf_counter() - start
                window = line.split()[1] if len(line.split()) > 1 else "?"
                child.wait(timeout=TIMEOUT_S)
                return elapsed, window
        raise RuntimeError(f"no window shown (exit code {child.wait(timeout=TIMEOUT_S)})")
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def frozen_program() -> Path | None:
    """dist/vinr-desktop/vinr-desktop (or VINR_FROZEN_BUNDLE's), when it has been built."""
    folder = os.environ.get("VINR_FROZEN_BUNDLE")
    bundle = (
        Path(folder) if folder else Path(__file__).resolve().parent.parent / "dist" / "vinr-desktop"
    )
    program = bundle / ("vinr-desktop.exe" if os.name == "nt" else "vinr-desktop")
    return program if program.is_file() else None


def time_frozen(program: Path, store: Path, env: dict[str, str]) -> float:
    """Seconds from starting the frozen program to its report of the first screen."""
    child_env = {k: v for k, v in env.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    start = time.perf_counter()
    child = subprocess.Popen(
        [str(program), "--data-dir", str(store), "--smoke-test"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        env=child_env,
        cwd=store.parent,
    )
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("SCREEN"):
                elapsed = time.perf_counter() - start
                child.wait(timeout=TIMEOUT_S)
                return elapsed
        raise RuntimeError(f"no window shown (exit code {child.wait(timeout=TIMEOUT_S)})")
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def _make_store(folder: Path) -> None:
    from vinr_desktop.services.accounts import setup
    from vinr_desktop.services.context import AppContext
    from vinr_desktop.store import keys
    from vinr_desktop.store.device import NoDeviceStore

    ctx = AppContext(folder, device=NoDeviceStore(), kdf=keys.KdfParams.floor())
    setup.create_store(
        ctx,
        municipality="Benchmark kommun (fiktiv)",
        unit="Benchmark-enheten (fiktiv)",
        username="bench",
        full_name="Bench Mätare",
        password="benchmark lösenord för mätning 2026",
        roles=("caseworker", "admin"),
        bind_device=False,
    )
    ctx.release()


def _choose_program(store: Path, env: dict[str, str]) -> tuple[str, str]:
    """The real program's start if it works here, else the stand-in; and a note saying which."""
    if importlib.util.find_spec("vinr_desktop.ui.app") is not None:
        try:
            _elapsed, window = time_start(REAL_APP, [str(store)], env)
            return REAL_APP, f"vinr_desktop.ui.app.main → {window}"
        except (RuntimeError, subprocess.SubprocessError) as exc:
            return STAND_IN, f"STAND-IN (ui.app.main did not show a window: {exc})"
    return STAND_IN, "STAND-IN: PySide6 + services + QLabel (ui.app not written yet)"


def run(work: Path, runs: int = 5) -> list[Measure]:
    store = work / "startup-store"
    _make_store(store)
    env = _child_env(work)
    program, note = _choose_program(store, env)
    time_start(BARE, [], env)  # warm the OS file cache for both, not counted
    time_start(program, [str(store)], env)
    frozen = frozen_program()
    if frozen is not None:
        time_frozen(frozen, store, env)
    bare: list[float] = []
    app: list[float] = []
    frozen_s: list[float] = []
    for _ in range(runs):  # interleaved so drift hits both alike
        bare.append(time_start(BARE, [], env)[0])
        app.append(time_start(program, [str(store)], env)[0])
        if frozen is not None:
            frozen_s.append(time_frozen(frozen, store, env))
    bare_s, app_s = median(bare), median(app)
    ratios = [a / b for a, b in zip(app, bare, strict=True)]
    measures = [
        Measure("startup_bare_s", bare_s, "s", None, "bare PySide6 QWidget, python -c"),
        Measure("startup_app_s", app_s, "s", None, note),
    ]
    if program is REAL_APP:
        seconds, heavy = _import_cost(env, runs)
        pulled = "pulls in SQLAlchemy and Alembic" if heavy else "SQLAlchemy/Alembic deferred"
        measures.append(
            Measure(
                "startup_import_ui_s",
                seconds,
                "s",
                None,
                f"import vinr_desktop.ui.app after PySide6; {pulled}",
            )
        )
    if frozen_s:
        frozen_ratios = [f / b for f, b in zip(frozen_s, bare, strict=True)]
        measures += [
            Measure("startup_frozen_s", median(frozen_s), "s", None, f"{frozen}, --smoke-test"),
            Measure(
                "startup_frozen_ratio",
                max(frozen_ratios),
                "x",
                None,
                f"the frozen program / the bare window, worst of {runs} "
                f"({', '.join(f'{r:.2f}' for r in frozen_ratios)})",
            ),
        ]
    return [
        *measures,
        Measure(
            "startup_ratio",
            max(ratios),
            "x",
            RATIO_TARGET,
            f"the worst of {runs} runs, each app / the bare window started just before it "
            f"({', '.join(f'{r:.2f}' for r in ratios)}); {note}",
        ),
    ]
