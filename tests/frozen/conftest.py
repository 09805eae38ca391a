"""The frozen bundle under test, and a summary of what the frozen program measured.

These tests run the programs in `VINR_FROZEN_BUNDLE` (a folder holding `vinr-desktop` and
`vinr-admin`, as `./scripts/package` builds it into dist/vinr-desktop/). Without the variable
they are skipped: building the bundle takes about half a minute, so it is a step of its own
(`./scripts/package --smoke-test`, run by .ci/run after the suite), not part of every run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

BUNDLE_ENV = "VINR_FROZEN_BUNDLE"
_MEASURED: list[str] = []


def bundle_folder() -> Path | None:
    value = os.environ.get(BUNDLE_ENV)
    return Path(value).resolve() if value else None


@pytest.fixture(scope="session")
def bundle() -> Path:
    folder = bundle_folder()
    if folder is None:
        pytest.skip(
            f"no frozen bundle: {BUNDLE_ENV} is not set (./scripts/package --smoke-test builds "
            "dist/vinr-desktop/ and runs these tests on it)"
        )
    suffix = ".exe" if os.name == "nt" else ""
    for program in ("vinr-desktop", "vinr-admin"):
        if not (folder / f"{program}{suffix}").is_file():
            pytest.fail(f"{folder} has no {program}{suffix}")
    return folder


@pytest.fixture(scope="session")
def measured() -> Iterator[list[str]]:
    yield _MEASURED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _MEASURED:
        terminalreporter.section("frozen program")
        for line in _MEASURED:
            terminalreporter.write_line(line)
