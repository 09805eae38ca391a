"""An unlocked store: it holds the data key and the engine. Dropping it (`close`) disposes
every connection and forgets the key. Opening and creating stores is in vault.py.
"""

from __future__ import annotations

import errno
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import Connection, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from vinr_desktop.domain.errors import DiskFull, StoreDamaged, WrongPassword
from vinr_desktop.store import audit, keys, migrations
from vinr_desktop.store.engine import (
    ConnectionOwner,
    DatabaseError,
    connect,
    known_error,
    rekey_pragma,
)
from vinr_desktop.store.header import RECOVERY_SLOT_ID, Header, HeaderFile, read_db_salt
from vinr_desktop.store.paths import StorePaths
from vinr_desktop.store.schema import AuditRow, StoreMeta
from vinr_desktop.store.slots import make_slot, open_slot_private_key, promote_pending, prove_rekey
from vinr_desktop.store.tables import configure_all

log = logging.getLogger(__name__)


class Store:
    """An unlocked store. Use `session()` for every unit of work."""

    def __init__(self, paths: StorePaths, header: Header, data_key: bytes) -> None:
        self.paths = paths
        self._header = header
        self._data_key: bytes | None = data_key
        self._connection = ConnectionOwner(paths.db, data_key)
        configure_all()
        self._header_lock = threading.Lock()
        self._audit_key = b""
        self._clock: Callable[[], datetime] | None = None

    # -- opening -------------------------------------------------------------------------

    def _load(self, schema_target: str = "head") -> None:
        """Check identity, apply migrations (up to `schema_target`) and load the audit key."""
        try:
            with self._connection.borrow() as engine:
                with engine.connect() as connection:
                    current = schema_target == "head" and migrations.is_current(connection)
                if not current:
                    migrations.upgrade(engine, schema_target)
                with engine.connect() as connection:
                    meta = _store_meta(connection)
        except sa_exc.DatabaseError as exc:
            self._connection.retire()
            raise StoreDamaged(self.paths.db.name) from exc
        if meta.get("store_id") != self._header.store_id:
            self._connection.retire()
            raise StoreDamaged(self.paths.db.name, "nyckelfilen hör till ett annat register")
        self._audit_key = bytes.fromhex(meta["audit_key"])

    @property
    def header(self) -> Header:
        return self._header

    @property
    def store_id(self) -> str:
        return self._header.store_id

    @property
    def is_open(self) -> bool:
        return self._data_key is not None

    @property
    def data_key(self) -> bytes:
        if self._data_key is None:
            raise RuntimeError("store is closed")
        return self._data_key

    # -- work ----------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on error.

        If audit events were added, the header's copy of the chain head is updated after the
        commit (a crash in between leaves the header one step behind, which verify accepts).
        """
        if self._data_key is None:
            raise RuntimeError("store is closed")
        with (
            self._known_errors(),
            self._connection.borrow() as engine,
            Session(engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session
            head = self._audit_head_to_keep(session) if session.info.get("audited") else None
        if head is not None:
            self._write_audit_head(*head)

    @contextmanager
    def _known_errors(self) -> Iterator[None]:
        """Database errors the user can act on (full disk, damaged page) as UserErrors."""
        try:
            yield
        except sa_exc.DatabaseError as exc:
            known = known_error(self.paths.db, exc.orig) if exc.orig is not None else None
            if known is not None:
                raise known from exc
            raise

    def use_clock(self, clock: Callable[[], datetime]) -> None:
        """Stamp audit events with the program's clock (the one its services use) instead of
        the system's, so the log and the case data tell the same time."""
        self._clock = clock

    def record(
        self,
        session: Session,
        *,
        user_id: str | None,
        action: str,
        case_id: str | None = None,
        object_id: str | None = None,
        reason: str | None = None,
    ) -> AuditRow:
        """Append an audit event inside the caller's transaction."""
        session.info["audited"] = True
        stamp = None
        if self._clock is not None:
            stamp = self._clock().astimezone(UTC).isoformat(timespec="microseconds")
        return audit.append(
            session,
            self._audit_key,
            ts_utc=stamp,
            user_id=user_id,
            action=action,
            case_id=case_id,
            object_id=object_id,
            reason=reason,
        )

    def case_reference(self, case_id: str) -> str:
        """A short stable code for a case, for people who may not see its number (log review):
        the same case always gets the same code, and the code does not lead back to it."""
        return keys.mac(self._audit_key, b"case-reference:" + case_id.encode())[:6].upper()

    def verify_audit(self) -> audit.ChainReport:
        with (
            self._known_errors(),
            self._connection.borrow() as engine,
            Session(engine) as session,
        ):
            return audit.verify_chain(
                session, self._audit_key, self._header.audit_seq, self._header.audit_mac
            )

    def _audit_head_to_keep(self, session: Session) -> tuple[int, str] | None:
        """The chain's new end, read in the writing transaction, if the key file may take it.

        The key file's head never moves past a row that is gone or changed: that evidence is
        kept for verify.
        """
        last = session.execute(
            select(AuditRow.seq, AuditRow.mac).order_by(AuditRow.seq.desc()).limit(1)
        ).first()
        header = self._header
        if last is None or last[0] <= header.audit_seq:
            return None
        if header.audit_seq > 0:
            known = session.get(AuditRow, header.audit_seq)
            if known is None or not keys.mac_equal(known.mac, header.audit_mac):
                log.warning("audit head in the key file does not match the log")
                return None
        return last[0], last[1]

    def _write_audit_head(self, seq: int, mac: str) -> None:
        """Copy the committed chain end into the key file (after the commit)."""
        with self._header_lock:
            if seq <= self._header.audit_seq:
                return  # another thread's later event got there first
            try:
                self._write_header(replace(self._header, audit_seq=seq, audit_mac=mac))
            except DiskFull:
                # The events are committed; the header's copy of the chain head lags until the
                # next audited write, which verify accepts. Never report a commit as lost.
                log.warning("audit head not copied to the key file: disk full")

    def integrity_check(self) -> list[str]:
        """Run SQLite's and SQLCipher's integrity checks; return the problems found."""
        conn = connect(self.paths.db, self.data_key)
        problems: list[str] = []
        try:
            for pragma in ("integrity_check", "cipher_integrity_check"):
                try:
                    rows = conn.execute(f"PRAGMA {pragma}").fetchall()
                except DatabaseError as exc:
                    # A page that fails its HMAC aborts integrity_check with "malformed".
                    problems.append(f"{pragma}: {exc}")
                    continue
                problems += [str(r[0]) for r in rows if r[0] != "ok"]
        finally:
            conn.close()
        return problems

    def compact(self) -> None:
        """After a gallring: merge the full-text index (dropping the deleted entries' terms),
        rebuild the file without free pages (VACUUM) and empty the WAL, so no page holds what
        was deleted. Outside any transaction; VACUUM is itself atomic."""
        with self._known_errors(), self._connection.borrow() as engine:
            raw = engine.raw_connection()
            try:
                conn = raw.driver_connection
                assert conn is not None
                conn.execute("INSERT INTO journal_fts(journal_fts) VALUES ('optimize')")
                conn.execute("VACUUM")
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except DatabaseError as exc:
                raise known_error(self.paths.db, exc) or exc from exc
            finally:
                raw.close()

    def close(self) -> None:
        """Close every connection and forget the key. Safe to call twice."""
        if self._data_key is None:
            return
        self._connection.retire()
        self._data_key = None
        self._audit_key = b""

    # -- header --------------------------------------------------------------------------

    def _write_header(self, header: Header) -> None:
        signed = header.signed(self.data_key)
        try:
            HeaderFile(self.paths.header).write(signed)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise DiskFull() from exc
            raise
        self._header = signed

    def reset_failures(self, slot_id: str) -> None:
        with self._header_lock:
            slot = self._header.slot_by_id(slot_id)
            if slot is not None and slot.failures:
                self._write_header(self._header.with_slot(slot.without_failures()))

    def set_device_binding(self, backend_name: str) -> None:
        with self._header_lock:
            self._write_header(replace(self._header, device_binding=backend_name))

    # -- key slots -----------------------------------------------------------------------

    def add_user_slot(
        self,
        user_id: str,
        username: str,
        password: str,
        kdf: keys.KdfParams,
        device_secret: bytes | None,
    ) -> None:
        """Give a user a way in: a new key pair, wrapped under the password, data key sealed."""
        slot = make_slot(
            self.store_id, user_id, "user", username, password, kdf, self.data_key, device_secret
        )
        with self._header_lock:
            if self._header.slot_for_username(username) and not self._header.slot_by_id(user_id):
                raise ValueError("username already has a slot")
            self._write_header(self._header.with_slot(slot))

    def rewrap_slot(
        self,
        slot_id: str,
        old_secret: str,
        new_secret: str,
        kdf: keys.KdfParams,
        device_secret: bytes | None,
    ) -> None:
        """New password (or KDF parameters) for a slot: the old secret is proven (full KDF),
        then the slot gets a NEW key pair, wrapped under the new secret, with the data key
        sealed to it. A copy of the old slot (in a backup's key file, say) and the old
        password then open a key pair that no longer opens the register."""
        with self._header_lock:
            slot = self._header.slot_by_id(slot_id)
            if slot is None:
                raise WrongPassword()
            open_slot_private_key(self.store_id, slot, old_secret, device_secret)
            if slot.pending is not None:
                raise RuntimeError("a re-key is unfinished; unlock finishes it first")
            fresh = make_slot(
                self.store_id,
                slot.slot_id,
                slot.kind,
                slot.username,
                new_secret,
                kdf,
                self.data_key,
                device_secret,
            )
            new_slot = replace(
                slot,
                kdf=fresh.kdf,
                salt=fresh.salt,
                wrapped=fresh.wrapped,
                sealed=fresh.sealed,
                device_bound=fresh.device_bound,
            )
            self._write_header(self._header.with_slot(new_slot))

    def replace_recovery_slot(self, kdf: keys.KdfParams) -> str:
        """A new recovery code (the old one stops working); returns the code to show once."""
        code = keys.new_recovery_code()
        slot = make_slot(
            self.store_id, RECOVERY_SLOT_ID, "recovery", "", code, kdf, self.data_key, None
        )
        with self._header_lock:
            self._write_header(self._header.with_slot(slot))
        return code

    def remove_slot_and_rekey(self, slot_id: str) -> None:
        """Remove a slot and re-key the database so the removed secret opens nothing.

        Two phases, each an atomic header write, so a crash at any point leaves a store that
        the remaining users can open: (1) the header drops the slot and carries the new key
        sealed as `pending` for every remaining slot; (2) after PRAGMA rekey, a fresh
        connection proves the new key opens and the old one fails; (3) the header promotes the
        pending keys. Unlock finishes an interrupted re-key (see `_finish_rekey`).
        """
        with self._header_lock:
            old_key = self.data_key
            new_key = keys.new_data_key()
            remaining = tuple(s for s in self._header.slots if s.slot_id != slot_id)
            if len(remaining) == len(self._header.slots):
                raise ValueError("no such slot")
            phase1 = replace(
                self._header,
                slots=tuple(
                    replace(
                        s,
                        pending=keys.seal(new_key, s.wrapped.public_key, s.seal_aad(self.store_id)),
                    )
                    for s in remaining
                ),
            )
            self._write_header(phase1)
            self._connection.retire()
            conn = connect(self.paths.db, old_key)
            try:
                conn.execute(rekey_pragma(new_key))
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
            prove_rekey(self.paths.db, old_key, new_key)
            self._data_key = new_key
            self._connection = ConnectionOwner(self.paths.db, new_key)
            self._write_header(
                replace(promote_pending(phase1), db_salt=read_db_salt(self.paths.db))
            )


def _store_meta(connection: Connection) -> dict[str, str]:
    rows = connection.execute(select(StoreMeta.key, StoreMeta.value))
    return {key: value for key, value in rows}
