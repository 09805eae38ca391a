"""The warm-up runs on the database thread while the login window waits: it must load the
store and the services and never Qt (Qt objects belong to the UI thread)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from vinr_desktop.services.context import AppContext
from vinr_desktop.services.warm_up import load_store_and_services
from vinr_desktop.store.it_policy_file import POLICY_DIR_ENV, POLICY_NAME

_CHILD = """
import sys
from vinr_desktop.services.warm_up import WARM_UP_MODULES, load_store_and_services
load_store_and_services()
from sqlalchemy.orm import class_mapper
from vinr_desktop.store.case_schema import JournalEntryRow
class_mapper(JournalEntryRow)  # mapped and configured
missing = [name for name in WARM_UP_MODULES if name not in sys.modules]
qt = sorted(name for name in sys.modules if name.split(".")[0] in {"PySide6", "shiboken6"})
print(missing, qt, "sqlalchemy.orm" in sys.modules)
"""


def test_warm_up_loads_the_store_and_services_without_qt() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split("\n")[0] == "[] [] True"


def test_warm_up_reads_it_policy_and_logs_what_is_wrong_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The policy is read while the login window waits, not before it (context.py); a bad
    value is logged, in words without case content, and the default used."""
    folder = tmp_path / "policy"
    folder.mkdir()
    (folder / POLICY_NAME).write_text(json.dumps({"idle_lock_minutes": "fem"}), encoding="utf-8")
    monkeypatch.setenv(POLICY_DIR_ENV, str(folder))
    ctx = AppContext(tmp_path / "register")
    with caplog.at_level(logging.WARNING):
        load_store_and_services(ctx)
    assert [r.getMessage() for r in caplog.records if "IT policy" in r.getMessage()] == [
        f"IT policy: {problem}" for problem in ctx.it_policy.problems
    ]
    assert ctx.it_policy.problems  # the test can fail: the bad value was found
    assert ctx.it_policy.idle_lock_minutes is None  # the register's own setting stands
