"""kill -9 at random moments while a backup is written (20 runs, issue 17).

After every kill: the target folder holds no half-written backup under a final name (each
folder with a final name verifies in full; anything else has a hidden temporary name), and the
register is unharmed (both integrity checks, the audit chain against its key file). The next
backup removes the leftovers.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.store.conftest import DEMO_ADMIN, hang_guard, reopen
from vinr_desktop.services import setup
from vinr_desktop.store import backup, vault
from vinr_desktop.store.backup_keys import RecoveryCode
from vinr_desktop.store.paths import StorePaths

pytestmark = pytest.mark.slow

RUNS = 20
SEED = 20260317
CHILD = Path(__file__).with_name("backup_crash_child.py")
FINAL_NAME = re.compile(r"\Avinr-kopia-\d{4}-\d{2}-\d{2}-\d{6}Z-[0-9a-f]{8}(-\d+)?\Z")


@dataclass
class Run:
    delay: float
    wrote: bool = False
    problems: list[str] = field(default_factory=list)


@dataclass
class KillRuns:
    paths: StorePaths
    target: Path
    code: str
    runs: list[Run]
    finals_seen: int
    temporaries_seen: int


def _check(
    paths: StorePaths, data_key: bytes, target: Path, code: str, run: Run
) -> tuple[int, int]:
    finals = temporaries = 0
    for entry in sorted(target.iterdir()):
        if FINAL_NAME.match(entry.name):
            finals += 1
            try:
                backup.verify_backup(entry, RecoveryCode(code))
            except Exception as exc:
                run.problems.append(f"{entry.name} under a final name does not verify: {exc!r}")
        elif entry.name.startswith("."):
            temporaries += 1
        else:
            run.problems.append(f"unexpected entry {entry.name}")
    store = reopen(paths, data_key)
    try:
        run.problems += [f"integrity: {p}" for p in store.integrity_check()]
        run.problems += [f"audit: {p}" for p in store.verify_audit().problems]
    finally:
        store.close()
    return finals, temporaries


@pytest.fixture(scope="module")
def kill_runs(
    tmp_path_factory: pytest.TempPathFactory, demo_template: tuple[Path, str, str]
) -> KillRuns:
    work = tmp_path_factory.mktemp("backup-kill")
    paths = StorePaths(work / "register")
    shutil.copytree(demo_template[0], paths.folder)
    target = work / "usb"
    target.mkdir()
    opened = vault.unlock(paths, DEMO_ADMIN, setup.DEMO_PASSWORD, device=None)
    data_key, admin_id = opened.store.data_key, opened.slot.slot_id
    start = time.perf_counter()
    first = backup.write_backup(opened.store, target, user_id=admin_id)
    duration = time.perf_counter() - start
    opened.store.close()
    shutil.rmtree(first.path)
    rng = random.Random(SEED)
    runs = [Run(rng.uniform(0.0, duration * 1.2)) for _ in range(RUNS)]
    finals = temporaries = 0
    with open(work / "child-stderr.txt", "w+", encoding="utf-8") as errors:
        server = subprocess.Popen(
            [sys.executable, str(CHILD)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        assert server.stdin is not None and server.stdout is not None
        try:
            with hang_guard():
                assert server.stdout.readline().strip() == "STARTED"
                for run in runs:
                    fields = (str(paths.folder), data_key.hex(), admin_id, str(target))
                    server.stdin.write("\t".join(fields) + "\n")
                    server.stdin.flush()
                    ready = server.stdout.readline().split()
                    if ready[:1] != ["READY"]:
                        run.problems.append(f"writer did not start: {ready}")
                        continue
                    time.sleep(run.delay)
                    with contextlib.suppress(ProcessLookupError):  # it may have finished
                        os.kill(int(ready[1]), signal.SIGKILL)
                    for line in server.stdout:
                        if line.startswith("WROTE"):
                            run.wrote = True
                        elif line.startswith("DONE"):
                            break
                    seen = _check(paths, data_key, target, demo_template[1], run)
                    finals, temporaries = max(finals, seen[0]), max(temporaries, seen[1])
        finally:
            server.stdin.close()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            server.stdout.close()
        errors.seek(0)
        child_errors = errors.read()
    if child_errors:
        runs[-1].problems.append(f"child stderr: {child_errors[-2000:]}")
    return KillRuns(paths, target, demo_template[1], runs, finals, temporaries)


def test_no_half_written_backup_under_a_final_name_and_the_register_unharmed(
    kill_runs: KillRuns,
) -> None:
    assert len(kill_runs.runs) == RUNS
    assert {i: r.problems for i, r in enumerate(kill_runs.runs) if r.problems} == {}
    assert sum(1 for r in kill_runs.runs if not r.wrote) >= RUNS // 2  # most kills landed mid-way
    assert kill_runs.temporaries_seen > 0  # some kills left a temporary folder behind


def test_the_next_backup_clears_the_leftovers(kill_runs: KillRuns) -> None:
    opened = vault.unlock(kill_runs.paths, DEMO_ADMIN, setup.DEMO_PASSWORD, device=None)
    try:
        result = backup.write_backup(opened.store, kill_runs.target, user_id=opened.slot.slot_id)
        assert opened.store.verify_audit().ok
    finally:
        opened.store.close()
    names = [p.name for p in kill_runs.target.iterdir()]
    assert result.path.name in names
    assert not [n for n in names if n.startswith(".")]
