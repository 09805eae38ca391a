"""Encryption overhead: 10,000 journal-like rows written in one transaction and read back
cold, through the same SQLAlchemy Core code path, encrypted and plain.

"Plain" is Python's own sqlite3: a SQLite that nothing in SQLCipher can touch. The same
SQLCipher library opened without a key is shown beside it (`nokey_ratio`), but it is no
baseline: SQLCipher's process-wide settings slow it as well (with `cipher_memory_security` on,
its writes took twice as long, and that ratio stayed near 1.1 while the real cost was 2.8).

Fair by construction: the same BEGIN IMMEDIATE and connect sequence (first read of
sqlite_master, then journal_mode=WAL, synchronous=FULL, temp_store=MEMORY, foreign_keys=ON,
secure_delete=ON, busy_timeout); only the key and cipher_log_level differ. Each write is timed
up to the closed connection (commit, fsync, WAL checkpoint) and each read opens a fresh one, so
every page is read (and, encrypted, decrypted) again. Variants are interleaved round by round
so drift on the machine hits them alike; medians of at least MIN_ROUNDS rounds are taken.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy.pool import StaticPool

from benchmarks.common import Measure, median
from vinr_desktop.store import engine as store_engine
from vinr_desktop.store import keys

ROWS = 10_000
RATIO_TARGET = 1.3
# Each round is dominated by two fsyncs whose time varies a lot on a shared machine; a median
# of this many interleaved rounds (whatever --runs says, if it says fewer) holds still.
MIN_ROUNDS = 11

metadata = MetaData()
journal = Table(
    "journal_bench",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", String(32), nullable=False),
    Column("author_id", String(32), nullable=False),
    Column("written_utc", String(32), nullable=False),
    Column("body", Text, nullable=False),
)

_WORDS = [
    "samtal",
    "hembesök",
    "kontakt",
    "planering",
    "uppföljning",
    "insats",
    "skydd",
    "stöd",
    "barn",
    "förälder",
    "bedömning",
    "risk",
    "oro",
    "trygghet",
    "boende",
    "ekonomi",
    "skola",
    "behov",
    "överenskommelse",
]


def make_rows(count: int = ROWS) -> list[dict[str, Any]]:
    """Fictional journal-like rows (about 300 bytes of text each), the same every run."""
    rng = random.Random(2026)
    return [
        {
            "id": i + 1,
            "case_id": f"{rng.getrandbits(128):032x}",
            "author_id": f"{rng.getrandbits(128):032x}",
            "written_utc": f"2026-03-{1 + i % 28:02d}T09:{i % 60:02d}:00+00:00",
            "body": " ".join(rng.choice(_WORDS) for _ in range(36)),
        }
        for i in range(count)
    ]


def _plain_connect(module: Any, path: Path) -> Any:
    conn = module.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    for name, value in store_engine.CONNECTION_PRAGMAS:
        conn.execute(f"PRAGMA {name} = {value}")
    conn.execute(f"PRAGMA busy_timeout = {store_engine.BUSY_TIMEOUT_MS}")
    return conn


def plain_engine(path: Path, module: Any = sqlite3) -> Engine:
    """An engine built like `store.engine.make_engine`, without a key."""
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: _plain_connect(module, path),
        poolclass=StaticPool,
        module=module,
    )

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def encrypted_engine(path: Path) -> Engine:
    return store_engine.make_engine(path, keys.new_data_key(), create=True)


def _one_round(
    factory: Callable[[Path], Engine], folder: Path, rows: list[dict[str, Any]]
) -> tuple[float, float]:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    engine = factory(folder / "bench.db")
    try:
        metadata.create_all(engine)
        start = time.perf_counter()
        with engine.begin() as conn:
            conn.execute(insert(journal), rows)
        engine.dispose()  # the connection closed, as in every variant
        write = time.perf_counter() - start
        start = time.perf_counter()
        with engine.connect() as conn:
            back = conn.execute(select(journal).order_by(journal.c.id)).all()
        read = time.perf_counter() - start
    finally:
        engine.dispose()
    if len(back) != len(rows) or back[-1].body != rows[-1]["body"]:
        raise RuntimeError("rows did not come back intact")
    shutil.rmtree(folder)
    return write, read


VARIANTS: dict[str, Callable[[Path], Engine]] = {
    "encrypted": encrypted_engine,
    "plain_sqlite3": plain_engine,
    "plain_sqlcipher_nokey": lambda p: plain_engine(p, sqlcipher),
}


def measure_raw(work: Path, runs: int, variants: list[str]) -> dict[str, dict[str, float]]:
    """Median write and read seconds per variant; runs are interleaved to share any drift."""
    rows = make_rows()
    times: dict[str, dict[str, list[float]]] = {v: {"write": [], "read": []} for v in variants}
    for i in range(runs + 1):
        for variant in variants:
            write, read = _one_round(VARIANTS[variant], work / f"enc-{variant}", rows)
            if i > 0:  # the first round warms imports and the file cache
                times[variant]["write"].append(write)
                times[variant]["read"].append(read)
    return {v: {k: median(t) for k, t in d.items()} for v, d in times.items()}


def run(work: Path, runs: int = 5) -> list[Measure]:
    raw = measure_raw(work, max(runs, MIN_ROUNDS), list(VARIANTS))
    enc, plain, nokey = raw["encrypted"], raw["plain_sqlite3"], raw["plain_sqlcipher_nokey"]
    return [
        Measure("enc_write_s", enc["write"], "s", None, f"{ROWS} rows, one transaction"),
        Measure("plain_write_s", plain["write"], "s", None, "Python's sqlite3, same code"),
        Measure("enc_read_s", enc["read"], "s", None, f"{ROWS} rows, fresh connection"),
        Measure("plain_read_s", plain["read"], "s", None, "Python's sqlite3, same code"),
        Measure("write_ratio", enc["write"] / plain["write"], "x", None, "encrypted / plain"),
        Measure("read_ratio", enc["read"] / plain["read"], "x", None, "encrypted / plain"),
        Measure(
            "nokey_ratio",
            (enc["write"] + enc["read"]) / (nokey["write"] + nokey["read"]),
            "x",
            None,
            f"encrypted / SQLCipher's SQLite {sqlcipher.sqlite_version} without a key",
        ),
        Measure(
            "encryption_overhead_ratio",
            (enc["write"] + enc["read"]) / (plain["write"] + plain["read"]),
            "x",
            RATIO_TARGET,
            f"(write+read) encrypted / Python's sqlite3 (SQLite {sqlite3.sqlite_version})",
        ),
    ]
