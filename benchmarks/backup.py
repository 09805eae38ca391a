"""Backups of the case-work store (1,000 cases, about 200,000 journal entries; built by
benchmarks/casework.py, `--keep-store DIR` reuses it):

- backup_1000: `store.backup.write_backup` as the demo administrator into a folder on the same
  disk: the read snapshot, the online backup API into a new SQLCipher file under its own key,
  fsync, and the full verification before the rename (cipher_integrity_check, integrity_check,
  the manifest recounted, the audit chain, the SHA-256), target 10 s (median).
- verify_backup_1000: `verify_backup` of that backup afterwards, read-only, with the recovery
  code (one Argon2id at the floor included), informational.
- backup_ratio: backup_1000 over a plain copy of the same `vinr.db` (shutil.copyfile and
  fsync, median): what the encryption under a new key and the checks cost, informational.

Each backup is removed after it is measured; the copies are on the benchmark's own disk.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

from benchmarks.common import Measure, median

BACKUP_TARGET_S = 10.0


def _plain_copy(source: Path, target: Path) -> float:
    start = time.perf_counter()
    shutil.copyfile(source, target)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    elapsed = time.perf_counter() - start
    target.unlink()
    return elapsed


def run(work: Path, runs: int = 5, store_folder: Path | None = None) -> list[Measure]:
    from benchmarks.casework import build_store
    from vinr_desktop.services.demo.register import DEMO_PASSWORD
    from vinr_desktop.store import backup, keys, vault
    from vinr_desktop.store.backup_keys import RecoveryCode
    from vinr_desktop.store.paths import StorePaths

    runs = max(runs, 3)
    built = build_store(store_folder or work / "casework-store")
    paths = StorePaths(built.folder)
    print(
        f"    store of {built.cases} cases, {built.entries} entries, "
        f"{paths.db.stat().st_size / 1e6:.0f} MB",
        file=sys.stderr,
        flush=True,
    )
    target = work / "backups"
    target.mkdir(exist_ok=True)
    opened = vault.unlock(paths, "admin", DEMO_PASSWORD, device=None)
    store = opened.store
    try:
        code = store.replace_recovery_slot(keys.KdfParams.floor())
        copies = [_plain_copy(paths.db, work / "plain-copy.db") for _ in range(runs + 1)][1:]
        written, verified = [], []
        size = 0
        for index in range(runs + 1):
            start = time.perf_counter()
            result = backup.write_backup(store, target, user_id=opened.slot.slot_id)
            elapsed = time.perf_counter() - start
            start = time.perf_counter()
            backup.verify_backup(result.path, RecoveryCode(code))
            checked = time.perf_counter() - start
            size = result.facts.db_bytes
            shutil.rmtree(result.path)
            if index:  # the first is the warm-up
                written.append(elapsed)
                verified.append(checked)
    finally:
        store.close()
    backup_s, copy_s = median(written), median(copies)
    note = f"{size / 1e6:.0f} MB copy; plain copy {copy_s:.2f} s"
    return [
        Measure("backup_1000", backup_s, "s", BACKUP_TARGET_S, note=note),
        Measure("verify_backup_1000", median(verified), "s", note="read-only, recovery code"),
        Measure("backup_ratio", backup_s / copy_s, "x", note="backup / plain copy", bench=True),
    ]
