"""The frozen program, tested as IT installs it: only its two binaries, no source tree.

Every program runs from an empty folder of its own, with PYTHONPATH and PYTHONHOME unset and
its home and data folders in a temporary folder, so nothing can come from this checkout or
from a Python installation: a file missing from the bundle fails here. The checks run in the
order a first day would: the self-test of every bundled file, a register made and verified
with `vinr-admin`, the window up to the login, the demo register opened through the start
page and logged into, a vårdplan saved through the document services and read back, and an
encrypted backup made and verified.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

PASSWORD = "frusen testkörning 2026 fiktiv"
FICTIONAL = ("--full-name", "Testa Frysdotter (fiktiv)")
TIMEOUT_S = 180


@dataclass(frozen=True)
class Frozen:
    folder: Path
    home: Path

    def program(self, name: str) -> str:
        return str(self.folder / (name + (".exe" if os.name == "nt" else "")))

    def env(self) -> dict[str, str]:
        keep = ("PATH", "SYSTEMROOT", "WINDIR", "TEMP", "TMP", "LANG", "TZ", "DISPLAY")
        env = {name: os.environ[name] for name in keep if name in os.environ}
        for name in ("HOME", "USERPROFILE", "APPDATA", "LOCALAPPDATA"):
            env[name] = str(self.home)
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env[name] = str(self.home / name.lower())
        env.update(
            QT_QPA_PLATFORM="offscreen",
            VINR_KDF_FLOOR="1",
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
            PYTHONIOENCODING="utf-8",
        )
        return env

    def run(
        self, name: str, *args: str | Path, stdin: str = ""
    ) -> subprocess.CompletedProcess[str]:
        cwd = self.home / "cwd"
        cwd.mkdir(exist_ok=True)
        return subprocess.run(
            [self.program(name), *map(str, args)],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env(),
            cwd=cwd,
            timeout=TIMEOUT_S,
        )

    def report(self, name: str, *args: str | Path, report: Path) -> tuple[int, list[str]]:
        done = self.run(name, *args, "--smoke-report", report)
        lines = report.read_text(encoding="utf-8").splitlines() if report.exists() else []
        return done.returncode, lines


@pytest.fixture(scope="module")
def frozen(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Frozen:
    return Frozen(bundle, tmp_path_factory.mktemp("frozen-home"))


@pytest.fixture(scope="module")
def register(frozen: Frozen) -> Path:
    folder = frozen.home / "register"
    done = frozen.run(
        "vinr-admin",
        "init",
        "--data-dir",
        folder,
        "--username",
        "testa",
        *FICTIONAL,
        "--roles",
        "caseworker,admin",
        "--municipality",
        "Frusna kommun (fiktiv)",
        "--unit",
        "Testenheten",
        "--password-stdin",
        stdin=PASSWORD,
    )
    assert done.returncode == 0, done.stderr
    assert "ÅTERSTÄLLNINGSKOD" in done.stdout
    return folder


@pytest.fixture(scope="module")
def demo(frozen: Frozen, measured: list[str]) -> Path:
    """The demo register, made by the frozen window's own start page (Öppna demoregister)."""
    folder = frozen.home / "demoregister"
    report = frozen.home / "smoke-demo.txt"
    start = time.perf_counter()
    code, lines = frozen.report(
        "vinr-desktop",
        "--data-dir",
        frozen.home / "no-register",
        "--demo-dir",
        folder,
        "--smoke-test=demo",
        report=report,
    )
    assert code == 0, lines
    assert lines[:3] == [
        "SCREEN start StartPage",
        "SCREEN login LoginPage",
        "SCREEN workspace Workspace",
    ], lines
    cases = int(next(line.split()[1] for line in lines if line.startswith("CASES")))
    measured.append(
        f"demo register made, logged into and listed ({cases} cases): "
        f"{time.perf_counter() - start:.1f} s"
    )
    return folder


def test_every_bundled_file_loads_from_the_bundle(frozen: Frozen, measured: list[str]) -> None:
    code, lines = frozen.report("vinr-desktop", "--self-test", report=frozen.home / "self.txt")
    assert lines[-1] == "SELF-TEST OK", "\n".join(lines)
    assert code == 0
    names = {line.split()[1].rstrip(":") for line in lines[:-1]}
    assert {
        "instruments",
        "fonts",
        "migrations",
        "care-lists",
        "case-lists",
        "document-texts",
        "common-passwords",
        "qt-translations",
        "qt-collation",
        "qt-pdf",
        "inside-bundle",
    } <= names
    inside = next(line for line in lines if " inside-bundle:" in line)
    home = Path(inside.split("everything under ", 1)[1])  # the program's folder (macOS: .app)
    assert frozen.folder.is_relative_to(home)
    measured.append(f"vinr-desktop --self-test: {len(lines) - 1} checks OK")


def test_admin_tool_creates_and_verifies_a_register(frozen: Frozen, register: Path) -> None:
    verified = frozen.run(
        "vinr-admin",
        "verify",
        "--data-dir",
        register,
        "--username",
        "testa",
        "--password-stdin",
        stdin=PASSWORD,
    )
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("OK: databasen är hel")
    status = frozen.run("vinr-admin", "status", "--data-dir", register)
    assert status.returncode == 0
    assert "Nyckelfil och databas: stämmer" in status.stdout


def test_window_reaches_the_login_of_a_register(
    frozen: Frozen, register: Path, measured: list[str]
) -> None:
    times = []
    for run in range(3):
        report = frozen.home / f"smoke-login-{run}.txt"
        start = time.perf_counter()
        child = subprocess.Popen(
            [
                frozen.program("vinr-desktop"),
                "--data-dir",
                str(register),
                "--smoke-test",
                "--smoke-report",
                str(report),
            ],
            env=frozen.env(),
            cwd=frozen.home,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while not report.exists() or "SCREEN" not in report.read_text(encoding="utf-8"):
            if child.poll() is not None and not (
                report.exists() and "SCREEN" in report.read_text(encoding="utf-8")
            ):
                shown = report.read_text(encoding="utf-8") if report.exists() else "no report"
                pytest.fail(f"the program ended ({child.returncode}) without a window: {shown}")
            assert time.perf_counter() - start < TIMEOUT_S
            time.sleep(0.005)
        times.append(time.perf_counter() - start)
        assert child.wait(timeout=TIMEOUT_S) == 0
        lines = report.read_text(encoding="utf-8").splitlines()
        assert lines == ["SCREEN login LoginPage", "SMOKE-TEST OK"]
    times.sort()
    measured.append(
        f"start to the login window (offscreen), median of 3: {times[1]:.2f} s "
        f"({', '.join(f'{t:.2f}' for t in times)})"
    )


def test_window_opens_the_demo_register_from_the_start_page(demo: Path) -> None:
    assert (demo / "vinr.db").exists() and (demo / "demo.json").exists()


def test_a_care_plan_is_rendered_and_saved_through_the_services(frozen: Frozen, demo: Path) -> None:
    out = frozen.home / "documents"
    code, lines = frozen.report(
        "vinr-desktop",
        "--self-test",
        "--data-dir",
        demo,
        "--self-test-document",
        out,
        report=frozen.home / "document.txt",
    )
    assert code == 0, "\n".join(lines)
    (pdf,) = out.glob("vardplan-utforare-*.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Vårdplan" in text
    assert "sida 1 av" in text.lower()


def test_an_encrypted_backup_is_made_and_verified(frozen: Frozen, demo: Path) -> None:
    password = json.loads((demo / "demo.json").read_text(encoding="utf-8"))["password"]
    target = frozen.home / "backups"
    target.mkdir()
    made = frozen.run(
        "vinr-admin",
        "backup",
        "--data-dir",
        demo,
        "--username",
        "admin",
        "--to",
        target,
        "--password-stdin",
        stdin=password,
    )
    assert made.returncode == 0, made.stderr
    (backup,) = target.iterdir()
    checked = frozen.run(
        "vinr-admin",
        "verify-backup",
        backup,
        "--username",
        "admin",
        "--password-stdin",
        stdin=password,
    )
    assert checked.returncode == 0, checked.stderr
