"""The audit chain's verifier finds every kind of tampering SECURITY.md names, each by its text."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from tests.store.conftest import PASSWORD, USERNAME, Made, add_events, create, hang_guard, raw
from vinr_desktop.store import audit, vault
from vinr_desktop.store.schema import AuditRow

EVENTS = 6  # on top of the two written at setup (store_created, user_added): seq 1..8
LAST = EVENTS + 2


@pytest.fixture
def audited(made: Made) -> Made:
    add_events(made.store, EVENTS)
    report = made.store.verify_audit()
    assert report.ok and report.count == LAST and made.store.header.audit_seq == LAST
    return made


def _sql(made: Made, *statements: str) -> None:
    conn = raw(made.paths, made.store.data_key)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def test_untouched_chain_verifies(audited: Made) -> None:
    report = audited.store.verify_audit()
    assert report.problems == []
    assert (report.count, report.last_seq) == (LAST, LAST)
    assert report.last_mac == audited.store.header.audit_mac


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("ts_utc", "'2020-01-01T00:00:00.000000+00:00'"),
        ("user_id", "'someone-else'"),
        ("action", "'case_viewed'"),
        ("case_id", "'case-4711'"),
        ("object_id", "'obj-999'"),
        ("reason", "'efterhandskonstruktion'"),
    ],
)
def test_edited_field_is_found(audited: Made, column: str, value: str) -> None:
    _sql(
        audited,
        "PRAGMA foreign_keys = OFF",
        f"UPDATE audit_events SET {column} = {value} WHERE seq = 4",
    )
    assert audited.store.verify_audit().problems == ["Loggpost 4 har ändrats."]


def test_rewritten_last_row_with_a_valid_mac_is_found_against_the_key_file(audited: Made) -> None:
    # Someone holding the data key (and so the audit key in store_meta) rewrites the newest
    # event and recomputes its MAC: only the head kept in the key file can tell.
    conn = raw(audited.paths, audited.store.data_key)
    try:
        (audit_key,) = conn.execute(
            "SELECT value FROM store_meta WHERE key = 'audit_key'"
        ).fetchone()
        ts, prev_mac = conn.execute(
            "SELECT ts_utc, prev_mac FROM audit_events WHERE seq = ?", (LAST,)
        ).fetchone()
        fields = audit.canonical(LAST, ts, None, "nothing_happened", None, None, None)
        conn.execute(
            "UPDATE audit_events SET action = ?, object_id = NULL, mac = ? WHERE seq = ?",
            (
                "nothing_happened",
                audit.compute_mac(bytes.fromhex(audit_key), prev_mac, fields),
                LAST,
            ),
        )
    finally:
        conn.close()
    assert audited.store.verify_audit().problems == [
        f"Loggpost {LAST} stämmer inte med nyckelfilen: loggen har ändrats."
    ]


def test_deleted_row_is_found(audited: Made) -> None:
    _sql(audited, "DELETE FROM audit_events WHERE seq = 4")
    assert audited.store.verify_audit().problems == [
        "Loggpost 4 saknas (nästa post har nummer 5).",
        "Loggpost 5 hänger inte ihop med posten före.",
    ]


def test_reordered_rows_are_found(audited: Made) -> None:
    _sql(
        audited,
        "UPDATE audit_events SET seq = -1 WHERE seq = 4",
        "UPDATE audit_events SET seq = 4 WHERE seq = 5",
        "UPDATE audit_events SET seq = 5 WHERE seq = -1",
    )
    problems = audited.store.verify_audit().problems
    assert problems == [
        "Loggpost 4 hänger inte ihop med posten före.",
        "Loggpost 4 har ändrats.",
        "Loggpost 5 hänger inte ihop med posten före.",
        "Loggpost 5 har ändrats.",
        "Loggpost 6 hänger inte ihop med posten före.",
    ]


def test_truncated_tail_is_found(audited: Made) -> None:
    _sql(audited, f"DELETE FROM audit_events WHERE seq > {LAST - 2}")
    assert audited.store.verify_audit().problems == [
        f"Loggen slutar vid post {LAST - 2} men nyckelfilen känner till post {LAST}: poster "
        "har tagits bort eller en äldre registerfil har lagts dit."
    ]


def test_truncated_tail_stays_found_after_new_events(audited: Made) -> None:
    """New events after a truncation must not move the key file's head past the gap."""
    _sql(audited, f"DELETE FROM audit_events WHERE seq > {LAST - 3}")
    add_events(audited.store, 5)  # rows LAST-2 .. LAST+2 are new, with new MACs
    assert audited.store.header.audit_seq == LAST
    assert audited.store.verify_audit().problems == [
        f"Loggpost {LAST} stämmer inte med nyckelfilen: loggen har ändrats."
    ]


def test_swapped_older_database_file_is_found(made: Made) -> None:
    add_events(made.store, 2)
    made.store.close()
    assert not made.paths.db.with_name("vinr.db-wal").exists()  # the file alone is the store
    old_copy = made.paths.folder.parent / "vinr-old.db"
    shutil.copyfile(made.paths.db, old_copy)

    store = vault.unlock(made.paths, USERNAME, PASSWORD, device=None).store
    add_events(store, 3)
    assert store.header.audit_seq == 7
    store.close()
    shutil.copyfile(old_copy, made.paths.db)  # the newer key file stays

    store = vault.unlock(made.paths, USERNAME, PASSWORD, device=None).store
    try:
        assert store.verify_audit().problems == [
            "Loggen slutar vid post 4 men nyckelfilen känner till post 7: poster har tagits "
            "bort eller en äldre registerfil har lagts dit."
        ]
    finally:
        store.close()


# -- many threads on one store -------------------------------------------------------------------

THREADS = 20
OPERATIONS = 1000
AUDIT_EVERY = 50


@pytest.mark.slow
def test_twenty_threads_thousand_operations_each(tmp_path: Path) -> None:
    made = create(tmp_path / "register")
    store = made.store
    _sql(made, "CREATE TABLE scratch (id INTEGER PRIMARY KEY, thread INTEGER, n INTEGER)")
    errors: list[str] = []
    start = threading.Barrier(THREADS)

    def work(thread: int) -> None:
        inserted = 0
        try:
            start.wait()
            for n in range(OPERATIONS):
                with store.session() as session:
                    if n % AUDIT_EVERY == 0:
                        store.record(
                            session, user_id=None, action="thread_op", object_id=f"{thread}-{n}"
                        )
                    elif n % 2:
                        session.execute(
                            text("INSERT INTO scratch (thread, n) VALUES (:t, :n)"),
                            {"t": thread, "n": n},
                        )
                        inserted += 1
                    else:
                        seen = session.execute(
                            text("SELECT count(*) FROM scratch WHERE thread = :t"), {"t": thread}
                        ).scalar_one()
                        if seen != inserted:
                            errors.append(f"thread {thread}: saw {seen} rows, wrote {inserted}")
        except Exception as exc:  # collected, so one failure does not hide the others
            errors.append(f"thread {thread}: {exc!r}")

    workers = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    # About 150 s alone on two slow cores; a loaded machine has taken over 300 s.
    with hang_guard(seconds=900):
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

    try:
        assert errors == []
        with store.session() as session:
            audited = session.execute(
                select(func.count()).select_from(AuditRow).where(AuditRow.action == "thread_op")
            ).scalar_one()
            rows = session.execute(text("SELECT count(*) FROM scratch")).scalar_one()
        assert audited == THREADS * OPERATIONS // AUDIT_EVERY
        assert rows == THREADS * (OPERATIONS // 2)
        report = store.verify_audit()
        assert report.ok, report.problems
        assert store.header.audit_seq == report.last_seq
        assert store.integrity_check() == []
    finally:
        store.close()
