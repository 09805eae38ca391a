"""Every connection is keyed and configured as SECURITY.md says, and nothing leaks in plain text."""

from __future__ import annotations

import os
import re
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import text

from tests.store.conftest import Made, add_events, create, raw, sha256
from vinr_desktop.domain.errors import StoreDamaged
from vinr_desktop.store import engine, keys

# Read back from SQLite, so a pragma dropped from CONNECTION_PRAGMAS (or set to another value)
# fails here. Values as SQLite reports them.
EXPECTED_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "temp_store": 2,  # MEMORY
    "foreign_keys": 1,
    "secure_delete": 1,
    "cipher_log_level": "NONE",
    "cipher_memory_security": "0",  # off, SQLCipher's default (SECURITY.md)
}

SRC = Path(__file__).resolve().parents[2] / "src"
MIGRATIONS = Path(__file__).resolve().parents[2] / "db"


def _read_pragmas(execute: Callable[[str], object]) -> dict[str, object]:
    return {name: execute(f"PRAGMA {name}") for name in EXPECTED_PRAGMAS}


def test_raw_connection_has_every_pragma(made: Made) -> None:
    conn = engine.connect(made.paths.db, made.store.data_key)
    try:
        found = _read_pragmas(lambda sql: conn.execute(sql).fetchone()[0])
    finally:
        conn.close()
    assert found == EXPECTED_PRAGMAS


def test_store_sessions_have_every_pragma(made: Made) -> None:
    with made.store.session() as session:
        found = _read_pragmas(lambda sql: session.execute(text(sql)).scalar_one())
    assert found == EXPECTED_PRAGMAS


def test_pragma_list_names_every_setting() -> None:
    # synchronous and secure_delete already default to the wanted values in this SQLCipher
    # build, so a read-back alone would not notice them being dropped from the list.
    assert dict(engine.CONNECTION_PRAGMAS) == {
        "journal_mode": "WAL",
        "synchronous": "FULL",
        "temp_store": "MEMORY",
        "foreign_keys": "ON",
        "secure_delete": "ON",
    }
    assert engine.LOG_LEVEL_PRAGMA == ("cipher_log_level", "NONE")


def test_fts5_is_compiled_in(tmp_path: Path) -> None:
    conn = engine.connect(tmp_path / "fts.db", keys.new_data_key(), create=True)
    try:
        conn.execute("CREATE VIRTUAL TABLE notes USING fts5(body)")
        conn.execute("INSERT INTO notes (body) VALUES ('fiktiv anteckning om markörord')")
        conn.execute("INSERT INTO notes (body) VALUES ('något helt annat')")
        hits = conn.execute("SELECT body FROM notes WHERE notes MATCH 'markörord'").fetchall()
    finally:
        conn.close()
    assert hits == [("fiktiv anteckning om markörord",)]


def test_key_is_never_in_the_engine_url(made: Made) -> None:
    data_key = made.store.data_key
    eng = engine.make_engine(made.paths.db, data_key)
    try:
        shown = [
            str(eng.url),
            repr(eng.url),
            repr(eng),
            eng.url.render_as_string(hide_password=False),
            str(eng.url.query),
        ]
        # The engine really is keyed (through its creator), so the key is somewhere else.
        with eng.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one() > 0
    finally:
        eng.dispose()
    assert eng.url.password is None
    for text_form in shown:
        assert data_key.hex() not in text_form.lower()
        assert data_key.hex().upper() not in text_form


@pytest.mark.parametrize("size", [0, 1, 16, 31, 33, 64])
def test_key_pragma_rejects_a_key_that_is_not_32_bytes(size: int) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        engine.key_pragma(b"\x11" * size)
    with pytest.raises(ValueError, match="32 bytes"):
        engine.rekey_pragma(b"\x11" * size)


def test_key_pragma_formats_a_raw_key() -> None:
    data_key = bytes(range(32))
    assert engine.key_pragma(data_key) == f"PRAGMA key = \"x'{data_key.hex()}'\""


def test_short_key_is_refused_before_the_file_is_touched(made: Made) -> None:
    made.store.close()
    before = sha256(made.paths.db)
    with pytest.raises(ValueError):
        engine.connect(made.paths.db, b"\x11" * 31)
    assert sha256(made.paths.db) == before


def test_wrong_key_is_store_damaged_and_file_unchanged(made: Made) -> None:
    made.store.close()
    before = sha256(made.paths.db)
    with pytest.raises(StoreDamaged):
        engine.connect(made.paths.db, keys.new_data_key())
    assert sha256(made.paths.db) == before


# -- no plaintext copy anywhere in the code ----------------------------------------------------

_EMPTY_KEY = re.compile(r"""\bKEY\s*(=\s*)?(''|""|\\'\\'|\\"\\")""", re.IGNORECASE)
_PLAINTEXT_REKEY = re.compile(r"""\brekey\s*=?\s*(''|""|\\'\\'|\\"\\")""", re.IGNORECASE)
_ATTACH = re.compile(r"\bATTACH\b", re.IGNORECASE)
_PRAGMA = re.compile(r"\bPRAGMA\b", re.IGNORECASE)
_EXPORT = re.compile(r"\bsqlcipher_export\b", re.IGNORECASE)
_KEY_CLAUSE = re.compile(r"\bKEY\b", re.IGNORECASE)


def plaintext_copy_findings(name: str, source: str) -> list[str]:
    """Lines that attach a database with an empty key, decrypt in place, or export to a copy
    whose ATTACH names no key."""
    findings = []
    lines = source.splitlines()
    exports = bool(_EXPORT.search(source))
    for number, line in enumerate(lines, start=1):
        where = f"{name}:{number}: {line.strip()}"
        sql = _ATTACH.search(line) or _PRAGMA.search(line)
        if sql and (_EMPTY_KEY.search(line) or _PLAINTEXT_REKEY.search(line)):
            findings.append(where)
        elif exports and _ATTACH.search(line):
            statement = " ".join(lines[number - 1 : number + 2])
            if not _KEY_CLAUSE.search(statement):
                findings.append(where)
    return findings


@pytest.mark.parametrize(
    "sample",
    [
        "conn.execute(\"ATTACH DATABASE 'plain.db' AS plaintext KEY ''\")",
        'conn.execute("ATTACH DATABASE ? AS p KEY \\"\\"")',
        "conn.execute(\"PRAGMA rekey = ''\")",
        "conn.execute(\"ATTACH DATABASE 'copy.db' AS p\")\n"
        "conn.execute(\"SELECT sqlcipher_export('p')\")",
    ],
)
def test_plaintext_copy_detector_finds_the_patterns(sample: str) -> None:
    assert plaintext_copy_findings("sample.py", sample)


def test_detector_accepts_an_encrypted_export() -> None:
    sample = (
        "conn.execute(f\"ATTACH DATABASE '{p}' AS backup KEY \\\"x'{hex_key}'\\\"\")\n"
        "conn.execute(\"SELECT sqlcipher_export('backup')\")"
    )
    assert plaintext_copy_findings("sample.py", sample) == []


def test_no_unencrypted_copy_of_the_database_in_the_code() -> None:
    files = sorted(SRC.rglob("*.py")) + sorted(MIGRATIONS.rglob("*.py"))
    assert len(files) > 10  # the scan really looked at the code
    findings = []
    for path in files:
        findings += plaintext_copy_findings(str(path), path.read_text(encoding="utf-8"))
    assert findings == []


# -- nothing readable in the files on disk -----------------------------------------------------

MARKER_NAME = "Markörperson Qzxvbk-Fiktiv"
MARKER_REASON = "Markörskäl Wqpzjy hemlig adress Fiktivgatan 7"


def test_database_and_wal_hold_no_plain_text(tmp_path: Path) -> None:
    made = create(tmp_path / "register")
    try:
        keeper = raw(made.paths, made.store.data_key)  # keeps the WAL file alive
        try:
            with made.store.session() as session:
                session.execute(
                    text("UPDATE users SET full_name = :name WHERE id = :id"),
                    {"name": MARKER_NAME, "id": made.user_id},
                )
                made.store.record(
                    session, user_id=made.user_id, action="note", reason=MARKER_REASON
                )
            add_events(made.store, 3)
            wal = made.paths.db.with_name("vinr.db-wal")
            assert wal.exists() and wal.stat().st_size > 0
            files = [p for p in made.paths.folder.iterdir() if p.is_file()]
            contents = {p.name: p.read_bytes() for p in files}
        finally:
            keeper.close()
    finally:
        made.store.close()
    assert {"vinr.db", "vinr.db-wal", "vinr.keys"} <= set(contents)
    needles = [
        MARKER_NAME.encode(),
        MARKER_NAME.encode("utf-16-le"),
        b"Qzxvbk",
        b"Wqpzjy",
        b"Fiktivgatan",
        b"Testkommun",
    ]
    leaks = [(name, n) for name, data in contents.items() for n in needles if n in data]
    assert leaks == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_store_files_are_for_the_owner_only(made: Made) -> None:
    add_events(made.store, 1)  # a write, so -wal and -shm exist while a connection is open
    conn = raw(made.paths, made.store.data_key)
    try:
        conn.execute("SELECT count(*) FROM audit_events").fetchone()
        modes = {
            p.name: stat.S_IMODE(p.stat().st_mode)
            for p in made.paths.folder.iterdir()
            if p.name.startswith("vinr.")
        }
    finally:
        conn.close()
    assert {"vinr.db", "vinr.keys", "vinr.db-wal", "vinr.db-shm", "vinr.lock"} <= set(modes)
    assert set(modes.values()) == {0o600}
    assert stat.S_IMODE(made.paths.folder.stat().st_mode) == 0o700


def test_every_unit_of_work_uses_the_one_connection(made: Made) -> None:
    """One connection owner: sessions reuse the same keyed connection (its page cache stays
    warm), and the store never opens a second one behind it."""
    store = made.store
    with store.session() as session:
        first = session.connection().connection.dbapi_connection
    for _ in range(3):
        with store.session() as session:
            assert session.connection().connection.dbapi_connection is first
    store.verify_audit()
    with store.session() as session:
        assert session.connection().connection.dbapi_connection is first


def test_a_thread_asking_again_for_the_connection_it_holds_is_refused(made: Made) -> None:
    with made.store.session() as session:
        session.execute(text("SELECT 1"))
        with pytest.raises(RuntimeError, match="already holds"), made.store.session():
            pass  # pragma: no cover - never entered
    with made.store.session() as session:  # the outer session ended normally
        assert session.execute(text("SELECT count(*) FROM audit_events")).scalar_one() > 0


def test_another_thread_waits_for_the_connection_and_then_gets_it(made: Made) -> None:
    store = made.store
    entered = threading.Event()
    events: list[str] = []

    def other() -> None:
        with store.session() as session:
            events.append("other in")
            session.execute(text("SELECT 1"))
        entered.set()

    with store.session() as session:
        session.execute(text("SELECT 1"))
        worker = threading.Thread(target=other)
        worker.start()
        assert not entered.wait(0.3)  # it waits while this thread holds the connection
        events.append("main out")
    worker.join(timeout=10)
    assert entered.is_set()
    assert events == ["main out", "other in"]


def test_closing_the_store_closes_an_idle_connection_at_once(made: Made) -> None:
    with made.store.session() as session:
        idle = session.connection().connection.dbapi_connection
    made.store.close()
    with pytest.raises(sqlcipher.ProgrammingError, match="closed"):
        idle.execute("SELECT 1")


def test_closing_the_store_closes_a_lent_connection_when_it_is_given_back(made: Made) -> None:
    """Locking leaves no connection open with the key: one that a background job still uses
    closes the moment the job gives it back, without the lock waiting for the job; nothing
    borrows it afterwards."""
    store = made.store
    job_holds, closed = threading.Event(), threading.Event()
    seen: dict[str, Any] = {}

    def job() -> None:
        with store.session() as session:
            seen["conn"] = session.connection().connection.dbapi_connection
            job_holds.set()
            closed.wait(10)
            # Still usable until the job gives it back.
            seen["tables"] = session.execute(text("SELECT count(*) FROM sqlite_master")).scalar()

    worker = threading.Thread(target=job)
    worker.start()
    assert job_holds.wait(10)
    store.close()  # returns at once
    closed.set()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert seen["tables"] > 0
    with pytest.raises(sqlcipher.ProgrammingError, match="closed"):
        seen["conn"].execute("SELECT 1")
    with pytest.raises(RuntimeError, match="closed"):
        store.verify_audit()
