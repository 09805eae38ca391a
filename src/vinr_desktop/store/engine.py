"""SQLCipher connections: the raw key, the pragma sequence, and the one connection owner.

Every connection runs, in this order: key, `cipher_log_level = NONE`, a read of sqlite_master
(fails at once on a wrong key or a damaged file), then the pragmas of SECURITY.md.
`cipher_memory_security` stays off (SQLCipher's default; SECURITY.md).

An unlocked store has one connection (`ConnectionOwner`: a StaticPool engine lent to one thread
at a time). Keeping it open keeps SQLite's page cache and parsed schema between units of work;
a connection per unit of work (NullPool) measured 1.3 ms more per call and twice the time to
open a big case, because every page is read and decrypted again. Locking or re-keying *retires*
the owner: the connection closes at once if idle, else the moment it is given back, so it never
outlives the key.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from vinr_desktop.domain.errors import DiskFull, StoreDamaged, StoreUnreadable, UserError

# Read back by tests; order matters only in that the key and the first read come first.
CONNECTION_PRAGMAS: tuple[tuple[str, str], ...] = (
    ("journal_mode", "WAL"),
    ("synchronous", "FULL"),
    ("temp_store", "MEMORY"),
    ("foreign_keys", "ON"),
    ("secure_delete", "ON"),
)
# Set right after the key, before the first read: a page that fails its HMAC would otherwise
# make SQLCipher write English lines to stderr ahead of our Swedish message.
LOG_LEVEL_PRAGMA = ("cipher_log_level", "NONE")
BUSY_TIMEOUT_MS = 10_000
LOW_DISK_BYTES = 1024 * 1024

_HEX_KEY = re.compile(r"\A[0-9a-f]{64}\Z")

DatabaseError = sqlcipher.DatabaseError


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
    if not create and not path.exists():
        raise StoreDamaged(path.name, "filen saknas")
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
    try:
        conn.execute(key_pragma(data_key))
        conn.execute(f"PRAGMA {LOG_LEVEL_PRAGMA[0]} = {LOG_LEVEL_PRAGMA[1]}")
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


def make_engine(path: Path, data_key: bytes, *, create: bool = False) -> Engine:
    """A SQLAlchemy engine over one keyed connection, made by `connect` when first needed.

    StaticPool hands every checkout the same connection, so the engine must be used by one
    thread at a time: use it through `ConnectionOwner`.
    """
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: connect(path, data_key, create=create),
        poolclass=StaticPool,
        module=sqlcipher,
    )

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn: Any) -> None:
        # Writers queue up at BEGIN instead of failing later with "database is locked".
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


class ConnectionOwner:
    """The one connection of an unlocked store, lent to one thread at a time.

    Every unit of work runs inside `borrow()`. Another thread waits until it is given back
    (SQLite would make writers wait for each other anyway); the thread that holds it gets an
    error if it asks again, instead of a second transaction on the same connection.
    """

    def __init__(self, path: Path, data_key: bytes, *, create: bool = False) -> None:
        self._engine: Engine | None = make_engine(path, data_key, create=create)
        self._turn = threading.Lock()  # held by the borrowing thread
        self._state = threading.Lock()  # guards _holder and _engine, held only briefly
        self._holder: int | None = None

    @contextmanager
    def borrow(self) -> Iterator[Engine]:
        """The engine, for this thread only, until the block ends."""
        me = threading.get_ident()
        if self._holder == me:
            raise RuntimeError("this thread already holds the store's connection")
        with self._turn:
            with self._state:
                engine = self._engine
                if engine is None:
                    raise RuntimeError("store is closed")
                self._holder = me
            try:
                yield engine
            finally:
                with self._state:
                    self._holder = None
                    if self._engine is None:
                        engine.dispose()  # retired while lent: close it now

    def retire(self) -> None:
        """Close the connection (now if idle, else when given back) and forget the engine,
        whose connection factory holds the key. Safe to call twice."""
        with self._state:
            engine, self._engine = self._engine, None
            if engine is not None and self._holder is None:
                engine.dispose()
