"""Unlock time: the Argon2id derivation, and the rest of `vault.unlock` (engine, migrations
check, audit key), on a store created here with a known password.

The KDF time is taken inside each unlock by timing `keys.derive_wrapping_key` as vault calls it,
so `unlock_open` is the same run's total minus its own derivation.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.common import Measure, median
from vinr_desktop.store import keys, vault
from vinr_desktop.store.paths import StorePaths

PASSWORD = "benchmark lösenord för mätning 2026"
UNLOCK_TARGET_S = 1.2
KDF_TARGET_S = 1.0  # SECURITY.md calibrates new slots to 0.5-1 s; the floor must fit inside
OPEN_TARGET_S = 0.2  # what is left of the 1.2 s once a 1 s derivation is spent


@contextmanager
def _timed_kdf(spent: list[float]) -> Iterator[None]:
    original: Callable[..., bytes] = keys.derive_wrapping_key

    def timed(*args: Any, **kwargs: Any) -> bytes:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    keys.derive_wrapping_key = timed
    try:
        yield
    finally:
        keys.derive_wrapping_key = original


def _make_store(folder: Path, kdf: keys.KdfParams) -> StorePaths:
    paths = StorePaths(folder)
    store, _code = vault.create_store(
        paths,
        vault.StoreFacts("Benchmark kommun (fiktiv)", "Benchmark-enheten (fiktiv)"),
        vault.NewUser(vault.new_id(), "bench", "Bench Mätare", ("caseworker", "admin"), PASSWORD),
        kdf=kdf,
        device=None,
    )
    store.close()
    return paths


def _unlock_runs(paths: StorePaths, runs: int) -> tuple[list[float], list[float]]:
    """(total, kdf) seconds per run, after one warm-up run that is not counted."""
    totals: list[float] = []
    kdfs: list[float] = []
    for i in range(runs + 1):
        spent: list[float] = []
        with _timed_kdf(spent):
            start = time.perf_counter()
            unlocked = vault.unlock(paths, "bench", PASSWORD, device=None)
            total = time.perf_counter() - start
        unlocked.store.close()
        if i > 0:
            totals.append(total)
            kdfs.append(sum(spent))
    return totals, kdfs


def run(work: Path, runs: int = 5, calibrated: bool = True) -> list[Measure]:
    floor = keys.KdfParams.floor()
    totals, kdfs = _unlock_runs(_make_store(work / "unlock-floor", floor), runs)
    params = f"m={floor.memory_kib // 1024} MiB t={floor.iterations} p={floor.lanes}"
    measures = [
        Measure("unlock_kdf", median(kdfs), "s", KDF_TARGET_S, f"Argon2id floor {params}"),
        Measure(
            "unlock_open",
            median([t - k for t, k in zip(totals, kdfs, strict=True)]),
            "s",
            OPEN_TARGET_S,
            "vault.unlock minus KDF: unseal, header MAC, engine, migrations check, audit key",
        ),
        Measure("unlock_total", median(totals), "s", UNLOCK_TARGET_S, "at the KDF floor"),
    ]
    if calibrated:
        tuned = keys.calibrate()
        totals, kdfs = _unlock_runs(_make_store(work / "unlock-calibrated", tuned), runs)
        measures.append(
            Measure(
                "unlock_total_calibrated",
                median(totals),
                "s",
                UNLOCK_TARGET_S,
                f"with keys.calibrate() here: m={tuned.memory_kib // 1024} MiB "
                f"t={tuned.iterations} (KDF {median(kdfs):.3f} s)",
            )
        )
    return measures
