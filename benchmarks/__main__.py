"""`python -m benchmarks` (what `./scripts/bench` runs): every measure, a table, BENCH lines."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from benchmarks.common import Measure, table

GROUPS = ("unlock", "startup", "encryption", "casework", "care", "backup")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (median taken)")
    parser.add_argument("--only", choices=GROUPS, action="append", help="run only this group")
    parser.add_argument(
        "--no-calibrated", action="store_true", help="skip the unlock with calibrated KDF"
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a measure misses its target"
    )
    parser.add_argument(
        "--keep-store",
        type=Path,
        metavar="DIR",
        help="casework, backup: build the 1,000-case store in DIR once and reuse it on later runs",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    import sqlcipher3.dbapi2 as sqlcipher

    print(
        f"VINR Desktop benchmarks: {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, SQLCipher's SQLite {sqlcipher.sqlite_version}, "
        f"stdlib SQLite {sqlite3.sqlite_version}; median of {args.runs} runs after one warm-up",
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix="vinr-bench-"))
    measures: list[Measure] = []
    try:
        for group in args.only or GROUPS:
            print(f"... {group}", file=sys.stderr, flush=True)
            if group == "unlock":
                from benchmarks import unlock

                measures += unlock.run(work, args.runs, calibrated=not args.no_calibrated)
            elif group == "casework":
                from benchmarks import casework

                measures += casework.run(work, args.runs, store_folder=args.keep_store)
            elif group == "backup":
                from benchmarks import backup

                measures += backup.run(work, args.runs, store_folder=args.keep_store)
            elif group == "care":
                from benchmarks import care

                measures += care.run(work, args.runs)
            elif group == "startup":
                from benchmarks import startup

                measures += startup.run(work, args.runs)
            else:
                from benchmarks import encryption

                measures += encryption.run(work, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(measures))
    print()
    for measure in measures:
        if measure.target is not None or measure.bench:
            print(measure.bench_line())
    failed = any(not m.passed for m in measures)
    return 1 if args.strict and failed else 0


if __name__ == "__main__":
    sys.exit(main())
