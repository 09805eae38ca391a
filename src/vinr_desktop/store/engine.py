"""SQLCipher connections: the raw key, the pragma sequence, and the SQLAlchemy engine.

Every connection runs, in this order: key, a read of sqlite_master (fails at once on a wrong key
or a damaged file), then the pragmas of SECURITY.md.

The engine keeps up to POOL_SIZE idle connections (QueuePool; more are opened when more threads
need one at once, and those close when returned). Opening a connection costs about 15 ms with
`cipher_memory_security=ON` against 1.5 ms without (measured on a 2-core laptop), and every
service call used to pay it with NullPool. A connection is used by one thread at a time. When
the store locks or is re-keyed the engine is *retired*: idle connections close at once, and one
still in use by a background job closes the moment it is returned, so none outlives the key.
"""

from __future__ import annotations

import re
import shutil
import threading
import weakref
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool

from vinr_desktop.domain.errors import DiskFull, StoreDamaged, StoreUnreadable, UserError

# Read back by tests; order matters only in that the key and the first read come first.
CONNECTION_PRAGMAS: tuple[tuple[str, str], ...] = (
    ("journal_mode", "WAL"),
    ("synchronous", "FULL"),
    ("temp_store", "MEMORY"),
    ("foreign_keys", "ON"),
    ("secure_delete", "ON"),
    ("cipher_log_level", "NONE"),
)
BUSY_TIMEOUT_MS = 10_000
LOW_DISK_BYTES = 1024 * 1024

_HEX_KEY = re.compile(r"\A[0-9a-f]{64}\Z")
_memory_security_lock = threading.Lock()
_memory_security_on = False

DatabaseError = sqlcipher.DatabaseError


def enable_memory_security() -> None:
    """Turn on SQLCipher's memory wiping for the whole process (cannot be turned off again)."""
    global _memory_security_on
    with _memory_security_lock:
        if _memory_security_on:
            return
        conn = sqlcipher.connect(":memory:")
        try:
            conn.execute("PRAGMA cipher_memory_security = ON")
        finally:
            conn.close()
        _memory_security_on = True


def key_pragma(data_key: bytes) -> str:
    """`PRAGMA key` for a raw 32-byte key; the hex is checked before it is put into SQL."""
    hex_key = data_key.hex()
    if not _HEX_KEY.match(hex_key):
        raise ValueError("data key must be exactly 32 bytes")
    return f"PRAGMA key = \"x'{hex_key}'\""


def rekey_pragma(data_key: bytes) -> str:
    hex_key = data_key.hex()
    if not _HEX_KEY.match(hex_key):
        raise ValueError("data key must be exactly 32 bytes")
    return f"PRAGMA rekey = \"x'{hex_key}'\""


def connect(path: Path, data_key: bytes, *, create: bool = False) -> Any:
    """Open one keyed connection. Raises StoreDamaged if the file cannot be read with the key.

    With `create=False` an empty file (no schema) is refused before anything is written, so a
    truncated-to-zero store is reported instead of being silently turned into a new one.
    """
    enable_memory_security()
    if not create and not path.exists():
        raise StoreDamaged(path.name, "filen saknas")
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    try:
        conn.execute(key_pragma(data_key))
        try:
            (tables,) = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as exc:
            raise known_error(path, exc) or StoreDamaged(path.name) from exc
        if tables == 0 and not create:
            raise StoreDamaged(path.name, "filen är tom")
        for name, value in CONNECTION_PRAGMAS:
            conn.execute(f"PRAGMA {name} = {value}")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # SQLite's lower() folds ASCII only; searches for Åsa or Öberg need Unicode folding.
        conn.create_function("fold", 1, _fold, deterministic=True)
    except BaseException:
        conn.close()
        raise
    return conn


def _fold(value: object) -> str | None:
    return value.casefold() if isinstance(value, str) else None


def known_error(path: Path, exc: BaseException) -> UserError | None:
    """Sort a SQLite error into one the user can act on, or None for a bug.

    "disk I/O error" is what SQLite says when it cannot even create its shared-memory file on a
    full disk, so free space decides between "disk full" and "cannot read".
    """
    text = str(exc).lower()
    if "full" in text or (("i/o" in text or "unable to open" in text) and _disk_nearly_full(path)):
        return DiskFull()
    if "i/o" in text or "unable to open" in text:
        return StoreUnreadable(path.name)
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return StoreDamaged(path.name)
    return None


def _disk_nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < LOW_DISK_BYTES
    except OSError:
        return False


POOL_SIZE = 4
_retired: weakref.WeakKeyDictionary[Engine, threading.Event] = weakref.WeakKeyDictionary()


def make_engine(path: Path, data_key: bytes, *, create: bool = False) -> Engine:
    """A SQLAlchemy engine whose every connection is keyed and configured by `connect`."""
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: connect(path, data_key, create=create),
        poolclass=QueuePool,
        pool_size=POOL_SIZE,
        max_overflow=-1,  # never make a thread wait for a connection
        module=sqlcipher,
    )
    retired = _retired.setdefault(engine, threading.Event())

    @event.listens_for(engine, "checkin")
    def _close_if_retired(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
        if retired.is_set() and dbapi_connection is not None:
            record.invalidate()  # closes the SQLCipher connection now, not at garbage collection

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn: Any) -> None:
        # Writers queue up at BEGIN instead of failing later with "database is locked".
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def retire_engine(engine: Engine) -> None:
    """Close every connection of `engine`: the idle ones now, the ones in use when returned."""
    _retired.setdefault(engine, threading.Event()).set()
    engine.dispose()
