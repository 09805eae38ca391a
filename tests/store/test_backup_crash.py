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
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.store.conftest import PASSWORD, USERNAME, add_events, create, hang_guard, reopen
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
    seconds: float = 0.0
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
    paths: StorePaths, data_key: bytes, target: Path, code: str, run: Run, verified: set[str]
) -> tuple[int, int]:
    """After a kill: every folder under a final name verifies in full (each checked once: a
    final name is never written again), the rest are hidden; the register is whole."""
    finals = temporaries = 0
    for entry in sorted(target.iterdir()):
        if FINAL_NAME.match(entry.name):
            finals += 1
            if entry.name in verified:
                continue
            verified.add(entry.name)
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


def _one_run(server: subprocess.Popen[str], fields: tuple[str, ...], delay: float | None) -> Run:
    """Start one backup in a forked writer; kill it after `delay` s (None: let it finish)."""
    assert server.stdin is not None and server.stdout is not None
    run = Run(delay if delay is not None else -1.0)
    server.stdin.write("\t".join(fields) + "\n")
    server.stdin.flush()
    ready = server.stdout.readline().split()
    if ready[:1] != ["READY"]:
        run.problems.append(f"writer did not start: {ready}")
        return run
    started = time.perf_counter()
    if delay is not None:
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):  # it may have finished
            os.kill(int(ready[1]), signal.SIGKILL)
    for line in server.stdout:
        if line.startswith("WROTE"):
            run.wrote = True
            run.seconds = time.perf_counter() - started
        elif line.startswith("DONE"):
            break
    return run


@pytest.fixture(scope="module")
def kill_runs(tmp_path_factory: pytest.TempPathFactory) -> KillRuns:
    """A small register (a few hundred audit rows), so twenty backups stay light on the disk
    that the other robustness tests share. One backup runs to its end first, to time it; the
    kills then land anywhere from its start to a little past its end."""
    work = tmp_path_factory.mktemp("backup-kill")
    made = create(work / "register")
    add_events(made.store, 400)
    paths, data_key, code = made.paths, made.store.data_key, made.recovery_code
    fields = (str(paths.folder), data_key.hex(), made.user_id, str(work / "usb"))
    made.store.close()
    target = work / "usb"
    target.mkdir()
    rng = random.Random(SEED)
    runs: list[Run] = []
    verified: set[str] = set()
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
                timing = _one_run(server, fields, None)
                assert timing.wrote, timing.problems
                for _ in range(RUNS):
                    run = _one_run(server, fields, rng.uniform(0.0, timing.seconds * 1.2))
                    seen = _check(paths, data_key, target, code, run, verified)
                    finals, temporaries = max(finals, seen[0]), max(temporaries, seen[1])
                    runs.append(run)
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
    return KillRuns(paths, target, code, runs, finals, temporaries)


def test_no_half_written_backup_under_a_final_name_and_the_register_unharmed(
    kill_runs: KillRuns,
) -> None:
    assert len(kill_runs.runs) == RUNS
    assert {i: r.problems for i, r in enumerate(kill_runs.runs) if r.problems} == {}
    assert sum(1 for r in kill_runs.runs if not r.wrote) >= RUNS // 2  # most kills landed mid-way
    assert kill_runs.temporaries_seen > 0  # some kills left a temporary folder behind
    assert kill_runs.finals_seen > 0  # the timing run's backup, and any that finished


def test_the_next_backup_clears_the_leftovers(kill_runs: KillRuns) -> None:
    opened = vault.unlock(kill_runs.paths, USERNAME, PASSWORD, device=None)
    try:
        result = backup.write_backup(opened.store, kill_runs.target, user_id=opened.slot.slot_id)
        assert opened.store.verify_audit().ok
    finally:
        opened.store.close()
    names = [p.name for p in kill_runs.target.iterdir()]
    assert result.path.name in names
    assert not [n for n in names if n.startswith(".")]
