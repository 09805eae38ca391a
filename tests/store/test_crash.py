"""kill -9 at random moments while a child process commits (100 runs, SECURITY.md fault table).

Each run: a committer process (forked by crash_child.py, which is started once) opens the store
and commits audited transactions as fast as it can, printing the number of each one whose
commit returned; the test waits for its first confirmed commit, kills it with SIGKILL after a
further random delay (so the kill lands while it commits, however slow a loaded machine makes
its start), reopens the store and checks it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.store.conftest import PASSWORD, USERNAME, create, hang_guard, reopen
from vinr_desktop.store import vault
from vinr_desktop.store.paths import StorePaths
from vinr_desktop.store.schema import AuditRow

pytestmark = pytest.mark.slow

RUNS = 100
SEED = 20260302
DELAY_SECONDS = (0.0, 0.4)  # after the first confirmed commit
CHILD = Path(__file__).with_name("crash_child.py")


@dataclass
class Run:
    label: str
    acknowledged: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class CrashRuns:
    paths: StorePaths
    runs: list[Run]


def _check(paths: StorePaths, data_key: bytes, run: Run) -> None:
    """Reopen after the kill: both integrity checks pass, the chain holds, nothing confirmed
    is missing."""
    store = reopen(paths, data_key)
    try:
        run.problems += [f"integrity: {p}" for p in store.integrity_check()]
        report = store.verify_audit()
        run.problems += [f"audit: {p}" for p in report.problems]
        with store.session() as session:
            found = set(
                session.execute(
                    select(AuditRow.object_id).where(AuditRow.object_id.like(f"{run.label}-%"))
                ).scalars()
            )
        missing = [i for i in run.acknowledged if f"{run.label}-{i}" not in found]
        if missing:
            run.problems.append(f"confirmed but missing: {missing}")
    finally:
        store.close()


def _one_run(
    server: subprocess.Popen[str], paths: StorePaths, data_key: bytes, run: Run, delay: float
) -> None:
    assert server.stdin is not None and server.stdout is not None
    server.stdin.write(f"{paths.folder} {data_key.hex()} {run.label}\n")
    server.stdin.flush()
    ready = server.stdout.readline().split()
    if ready[:1] != ["READY"]:
        run.problems.append(f"committer did not start: {ready}")
        return
    first = server.stdout.readline()
    if not first.strip().isdigit():
        run.problems.append(f"no first commit: {first!r}")
        os.kill(int(ready[1]), signal.SIGKILL)
    else:
        run.acknowledged.append(int(first))
        time.sleep(delay)
        os.kill(int(ready[1]), signal.SIGKILL)
    for line in server.stdout:
        if line.startswith("DONE"):
            if line.split()[1] != str(-signal.SIGKILL):
                run.problems.append(f"committer ended by itself: {line.strip()}")
            break
        if not line.strip().isdigit():
            run.problems.append(f"unexpected output: {line!r}")
            if "DONE" in line:
                break
            continue
        run.acknowledged.append(int(line))
    _check(paths, data_key, run)


@pytest.fixture(scope="module")
def crash_runs(tmp_path_factory: pytest.TempPathFactory) -> CrashRuns:
    folder = tmp_path_factory.mktemp("crash")
    made = create(folder / "register")
    paths, data_key = made.paths, made.store.data_key
    made.store.close()
    rng = random.Random(SEED)
    runs = [Run(f"r{number}") for number in range(RUNS)]
    with open(folder / "child-stderr.txt", "w+", encoding="utf-8") as errors:
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
                    try:
                        _one_run(server, paths, data_key, run, rng.uniform(*DELAY_SECONDS))
                    except Exception as exc:  # recorded: one bad run must not hide the others
                        run.problems.append(f"run failed: {exc!r}")
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
    return CrashRuns(paths, runs)


def test_every_killed_run_leaves_a_whole_store(crash_runs: CrashRuns) -> None:
    assert len(crash_runs.runs) == RUNS
    bad = {run.label: run.problems for run in crash_runs.runs if run.problems}
    assert bad == {}
    # The kills landed while the child was committing: most runs confirmed more than the one
    # commit awaited before the delay started.
    assert sum(1 for run in crash_runs.runs if len(run.acknowledged) > 1) >= RUNS * 3 // 4
    assert sum(len(run.acknowledged) for run in crash_runs.runs) > RUNS * 3


def test_password_unlock_works_after_the_crash_runs(crash_runs: CrashRuns) -> None:
    """The key file was never left half-written: the header MAC checks and the chain holds."""
    opened = vault.unlock(crash_runs.paths, USERNAME, PASSWORD, device=None)
    store = opened.store
    try:
        report = store.verify_audit()
        assert report.ok, report.problems
        assert report.count >= 2 + sum(len(run.acknowledged) for run in crash_runs.runs)
        assert 0 < store.header.audit_seq <= report.last_seq
        assert store.integrity_check() == []
    finally:
        store.close()
