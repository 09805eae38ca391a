"""The frozen program's hidden switches, run from the source tree (tests/frozen/ runs them on
the built bundle): every self-check passes here too, and the smoke probe reports the screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.stores import Template
from tests.ui.conftest import UiEnv


def _run(*args: str | Path, report: Path) -> tuple[int, list[str]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VINR_KDF_FLOOR="1")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "vinr_desktop.ui.app",
            *map(str, args),
            "--smoke-report",
            str(report),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "Traceback" not in done.stderr
    return done.returncode, report.read_text(encoding="utf-8").splitlines()


def test_self_test_passes_from_source(tmp_path: Path) -> None:
    code, lines = _run("--self-test", report=tmp_path / "report.txt")
    assert lines[-1] == "SELF-TEST OK", "\n".join(lines)
    assert code == 0
    assert all(line.startswith("OK ") for line in lines[:-1])
    assert any("inside-bundle: not frozen" in line for line in lines)


def test_the_care_plan_check_saves_a_provider_document_of_the_demo(
    demo_template: Template, tmp_path: Path
) -> None:
    """The frozen bundle's document check, from source: the demo has a vårdplan whose provider
    may be given the client's details, and its PDF is saved."""
    folder = demo_template.copy_to(tmp_path / "demo")
    out = tmp_path / "out"
    code, lines = _run(
        "--self-test",
        "--data-dir",
        folder,
        "--self-test-document",
        out,
        report=tmp_path / "report.txt",
    )
    assert (code, lines[-1]) == (0, "SELF-TEST OK"), "\n".join(lines)
    saved = list(out.iterdir())
    assert len(saved) == 1 and saved[0].read_bytes().startswith(b"%PDF")


def test_the_care_plan_check_refuses_a_real_register(env: UiEnv, tmp_path: Path) -> None:
    env.create_store()
    code, lines = _run(
        "--self-test",
        "--data-dir",
        env.folder,
        "--self-test-document",
        tmp_path / "out",
        report=tmp_path / "report.txt",
    )
    assert code == 1
    assert any(line.startswith("FEL care-plan-document:") and "demo" in line for line in lines)
    assert not (tmp_path / "out").exists()


def test_smoke_probe_reports_the_login_window(env: UiEnv, tmp_path: Path) -> None:
    env.create_store()
    code, lines = _run("--data-dir", env.folder, "--smoke-test", report=tmp_path / "smoke.txt")
    assert (code, lines) == (0, ["SCREEN login LoginPage", "SMOKE-TEST OK"])
