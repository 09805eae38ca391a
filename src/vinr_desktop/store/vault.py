"""The store's life cycle: create, unlock, key slots, re-key, close.

A `Store` is an unlocked store: it holds the data key and the engine. Dropping it (`close`)
disposes every connection and forgets the key. Everything about keys is here; who may do what
is decided in access/ and services/.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import exc as sa_exc
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from vinr_desktop.domain import login_policy, passwords
from vinr_desktop.domain.errors import (
    DeviceBindingMissing,
    DiskFull,
    HeaderDamaged,
    HeaderMissing,
    StoreDamaged,
    StoreExists,
    TooManyAttempts,
    WrongPassword,
)
from vinr_desktop.store import audit, keys, migrations
from vinr_desktop.store.device import DeviceSecretStore
from vinr_desktop.store.engine import (
    DatabaseError,
    connect,
    known_error,
    make_engine,
    rekey_pragma,
)
from vinr_desktop.store.header import (
    RECOVERY_SLOT_ID,
    Header,
    HeaderFile,
    KeySlot,
    fsync_dir,
    read_db_salt,
)
from vinr_desktop.store.paths import StorePaths
from vinr_desktop.store.schema import AuditRow, StoreMeta, UserRow

STORE_FORMAT = "1"

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class NewUser:
    """A user to add; `password` is the user's chosen or one-time password."""

    user_id: str
    username: str
    full_name: str
    roles: tuple[str, ...]
    password: str
    must_change_password: bool = False


@dataclass(frozen=True)
class StoreFacts:
    municipality: str
    unit: str
    demo: bool = False


def new_id() -> str:
    return uuid.uuid4().hex


class Store:
    """An unlocked store. Use `session()` for every unit of work."""

    def __init__(self, paths: StorePaths, header: Header, data_key: bytes) -> None:
        self.paths = paths
        self._header = header
        self._data_key: bytes | None = data_key
        self._engine = make_engine(paths.db, data_key)
        self._header_lock = threading.Lock()
        self._audit_key = b""

    # -- opening -------------------------------------------------------------------------

    def _load(self, schema_target: str = "head") -> None:
        """Check identity, apply migrations (up to `schema_target`) and load the audit key."""
        try:
            migrations.upgrade(self._engine, schema_target)
            with Session(self._engine) as session:
                meta = {row.key: row.value for row in session.execute(select(StoreMeta)).scalars()}
        except sa_exc.DatabaseError as exc:
            self._engine.dispose()
            raise StoreDamaged(self.paths.db.name) from exc
        if meta.get("store_id") != self._header.store_id:
            self._engine.dispose()
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
            Session(self._engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session
            audited = bool(session.info.get("audited"))
        if audited:
            self.sync_audit_head()

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
        return audit.append(
            session,
            self._audit_key,
            user_id=user_id,
            action=action,
            case_id=case_id,
            object_id=object_id,
            reason=reason,
        )

    def verify_audit(self) -> audit.ChainReport:
        with self._known_errors(), Session(self._engine) as session:
            return audit.verify_chain(
                session, self._audit_key, self._header.audit_seq, self._header.audit_mac
            )

    def sync_audit_head(self) -> None:
        with self._header_lock, Session(self._engine) as session:
            last = session.execute(
                select(AuditRow.seq, AuditRow.mac).order_by(AuditRow.seq.desc()).limit(1)
            ).first()
            if last is None or last[0] <= self._header.audit_seq:
                return
            if self._header.audit_seq > 0:
                known = session.get(AuditRow, self._header.audit_seq)
                if known is None or not keys.mac_equal(known.mac, self._header.audit_mac):
                    # The row the key file points at is gone or changed: keep the evidence
                    # for verify instead of moving the head past it.
                    log.warning("audit head in the key file does not match the log")
                    return
            try:
                self._write_header(replace(self._header, audit_seq=last[0], audit_mac=last[1]))
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

    def close(self) -> None:
        """Close every connection and forget the key. Safe to call twice."""
        if self._data_key is None:
            return
        self._engine.dispose()
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
        """New password for a slot: unwrap with the old one (full KDF), wrap with the new."""
        with self._header_lock:
            slot = self._header.slot_by_id(slot_id)
            if slot is None:
                raise WrongPassword()
            private = open_slot_private_key(self.store_id, slot, old_secret, device_secret)
            kdf.require_floor()
            salt = keys.new_salt()
            wrapping = keys.derive_wrapping_key(
                passwords.normalize(new_secret), salt, kdf, device_secret
            )
            wrapped = keys.wrap_private_key(private, wrapping, slot.wrap_aad(self.store_id))
            new_slot = replace(
                slot, kdf=kdf, salt=salt, wrapped=wrapped, device_bound=device_secret is not None
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
            self._engine.dispose()
            conn = connect(self.paths.db, old_key)
            try:
                conn.execute(rekey_pragma(new_key))
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
            _prove_rekey(self.paths.db, old_key, new_key)
            self._data_key = new_key
            self._engine = make_engine(self.paths.db, new_key)
            self._write_header(
                replace(_promote_pending(phase1), db_salt=read_db_salt(self.paths.db))
            )


# -- functions on paths (no key needed, or opening a key) ------------------------------------


def new_salt() -> bytes:
    return keys.new_salt()


def make_slot(
    store_id: str,
    slot_id: str,
    kind: str,
    username: str,
    secret: str,
    kdf: keys.KdfParams,
    data_key: bytes,
    device_secret: bytes | None,
) -> KeySlot:
    kdf.require_floor()
    salt = keys.new_salt()
    private, public = keys.new_key_pair()
    shell = KeySlot(
        slot_id=slot_id,
        kind=kind,
        username=username,
        kdf=kdf,
        salt=salt,
        wrapped=keys.WrappedPrivateKey(public, b"", b""),
        sealed=keys.SealedKey(b"", b"", b""),
        device_bound=device_secret is not None,
    )
    wrapping = keys.derive_wrapping_key(passwords.normalize(secret), salt, kdf, device_secret)
    return replace(
        shell,
        wrapped=keys.wrap_private_key(private, wrapping, shell.wrap_aad(store_id)),
        sealed=keys.seal(data_key, public, shell.seal_aad(store_id)),
    )


def open_slot_private_key(
    store_id: str, slot: KeySlot, secret: str, device_secret: bytes | None
) -> X25519PrivateKey:
    """Full key derivation and unwrap; raises WrongPassword on a wrong secret."""
    if slot.device_bound and device_secret is None:
        raise DeviceBindingMissing()
    wrapping = keys.derive_wrapping_key(
        passwords.normalize(secret),
        slot.salt,
        slot.kdf,
        device_secret if slot.device_bound else None,
    )
    try:
        return keys.unwrap_private_key(slot.wrapped, wrapping, slot.wrap_aad(store_id))
    except keys.KeyUnwrapError:
        raise WrongPassword() from None


def read_header(paths: StorePaths) -> Header:
    return HeaderFile(paths.header).read()


def create_store(
    paths: StorePaths,
    facts: StoreFacts,
    first_user: NewUser,
    *,
    kdf: keys.KdfParams,
    device: DeviceSecretStore | None,
    schema_target: str = "head",
) -> tuple[Store, str]:
    """Create a new store with one user; return it unlocked and the recovery code to show once.

    Built in a staging folder and moved into place (database first, header last), so an
    interrupted setup never leaves a header that points at nothing.
    """
    if paths.header.exists() or paths.db.exists():
        raise StoreExists()
    kdf.require_floor()
    if not paths.folder.exists():
        paths.folder.mkdir(parents=True, mode=0o700)
    store_id = new_id()
    device_secret = device.create(store_id) if device is not None else None
    data_key = keys.new_data_key()
    recovery_code = keys.new_recovery_code()
    now = utc_now().isoformat(timespec="seconds")
    slots = (
        make_slot(
            store_id,
            first_user.user_id,
            "user",
            first_user.username,
            first_user.password,
            kdf,
            data_key,
            device_secret,
        ),
        make_slot(store_id, RECOVERY_SLOT_ID, "recovery", "", recovery_code, kdf, data_key, None),
    )
    header = Header(
        store_id=store_id,
        created_utc=now,
        key_epoch=1,
        device_binding=device.backend_name if device is not None else "",
        slots=slots,
    ).signed(data_key)

    staging = paths.folder / f".vinr-new-{store_id}"
    staging.mkdir(mode=0o700)
    try:
        staged = StorePaths(staging)
        # Owner-only from the first byte; SQLite gives -wal and -shm the same mode.
        os.close(os.open(staged.db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        engine = make_engine(staged.db, data_key, create=True)
        migrations.upgrade(engine, schema_target)
        audit_key = keys.subkey(data_key, "audit")
        with Session(engine) as session, session.begin():
            for key, value in {
                "store_id": store_id,
                "format": STORE_FORMAT,
                "municipality": facts.municipality,
                "unit": facts.unit,
                "created_utc": now,
                "demo": "1" if facts.demo else "0",
                "audit_key": audit_key.hex(),
            }.items():
                session.add(StoreMeta(key=key, value=value))
            # Only the columns of the first schema, so an older `schema_target` works too.
            session.execute(
                insert(UserRow).values(
                    id=first_user.user_id,
                    username=first_user.username,
                    full_name=first_user.full_name,
                    roles=",".join(first_user.roles),
                    active=True,
                    must_change_password=first_user.must_change_password,
                    created_utc=now,
                )
            )
            audit.append(session, audit_key, user_id=first_user.user_id, action="store_created")
            row = audit.append(
                session,
                audit_key,
                user_id=first_user.user_id,
                action="user_added",
                object_id=first_user.user_id,
            )
            head = (row.seq, row.mac)
        engine.dispose()  # the last connection closed checkpoints and removes the WAL
        header = replace(
            header, audit_seq=head[0], audit_mac=head[1], db_salt=read_db_salt(staged.db)
        ).signed(data_key)
        HeaderFile(staged.header).write(header)
        for leftover in (staging / "vinr.db-wal", staging / "vinr.db-shm"):
            leftover.unlink(missing_ok=True)
        staged.db.replace(paths.db)
        staged.header.replace(paths.header)
        fsync_dir(paths.folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    paths.lock.touch(exist_ok=True)
    store = Store(paths, header, data_key)
    store._load(schema_target)
    return store, recovery_code


@dataclass(frozen=True)
class Unlocked:
    store: Store
    slot: KeySlot
    earlier_failures: tuple[str, ...]  # UTC times of failed attempts since the last login


def unlock(
    paths: StorePaths,
    username: str,
    password: str,
    *,
    device: DeviceSecretStore | None,
    now: datetime | None = None,
) -> Unlocked:
    """Open the store with a user's password (full key derivation every time)."""
    header_file = HeaderFile(paths.header)
    header = header_file.read()
    slot = header.slot_for_username(username.strip())
    if slot is None:
        raise WrongPassword()
    return _unlock_slot(paths, header, slot, password, device=device, now=now or utc_now())


def unlock_with_recovery(
    paths: StorePaths, code: str, *, device: DeviceSecretStore | None, now: datetime | None = None
) -> Unlocked:
    header = HeaderFile(paths.header).read()
    slot = header.recovery_slot()
    normalized = keys.normalize_recovery_code(code)
    if slot is None or not normalized:
        raise WrongPassword("Återställningskoden stämmer inte.")
    try:
        return _unlock_slot(paths, header, slot, normalized, device=device, now=now or utc_now())
    except WrongPassword:
        raise WrongPassword("Återställningskoden stämmer inte.") from None


def _unlock_slot(
    paths: StorePaths,
    header: Header,
    slot: KeySlot,
    secret: str,
    *,
    device: DeviceSecretStore | None,
    now: datetime,
) -> Unlocked:
    last = datetime.fromisoformat(slot.failure_times[-1]) if slot.failure_times else None
    wait = login_policy.seconds_to_wait(slot.failures, last, now)
    if wait:
        raise TooManyAttempts(wait)
    device_secret = None
    if slot.device_bound:
        device_secret = device.get(header.store_id) if device is not None else None
        if device_secret is None:
            raise DeviceBindingMissing()
    try:
        private = open_slot_private_key(header.store_id, slot, secret, device_secret)
    except WrongPassword:
        _count_failure(paths, slot.slot_id, now)
        raise
    try:
        data_key = keys.unseal(slot.sealed, private, slot.seal_aad(header.store_id))
        pending_key = (
            keys.unseal(slot.pending, private, slot.seal_aad(header.store_id))
            if slot.pending
            else None
        )
    except keys.KeyUnwrapError:
        raise HeaderDamaged(paths.header.name) from None
    if not header.mac_valid(data_key):
        raise HeaderDamaged(paths.header.name, "kontrollsumman stämmer inte")
    if not paths.db.exists():
        raise StoreDamaged(paths.db.name, "filen saknas")
    if pending_key is not None:
        header, data_key = _finish_rekey(paths, header, data_key, pending_key)
    store = Store(paths, header, data_key)
    store._load()
    if slot.kdf.weaker_than(keys.KdfParams.floor()):
        # The floor rose since this slot was written: raise it now, silently.
        store.rewrap_slot(slot.slot_id, secret, secret, keys.KdfParams.floor(), device_secret)
    return Unlocked(store, slot, slot.failure_times)


def _count_failure(paths: StorePaths, slot_id: str, now: datetime) -> None:
    """Count a failed attempt in the header (outside the MAC: no key is known here)."""
    header_file = HeaderFile(paths.header)
    try:
        header = header_file.read()
    except (HeaderMissing, HeaderDamaged):
        return
    slot = header.slot_by_id(slot_id)
    if slot is None:
        return
    try:
        header_file.write(header.with_slot(slot.with_failure(now.isoformat(timespec="seconds"))))
    except OSError:
        return  # a read-only or full disk must not turn a wrong password into a crash


def _finish_rekey(
    paths: StorePaths, header: Header, old_key: bytes, new_key: bytes
) -> tuple[Header, bytes]:
    """Complete a re-key that a crash interrupted: use whichever key opens the database."""
    try:
        connect(paths.db, new_key).close()
        key = new_key
        final = replace(_promote_pending(header), db_salt=read_db_salt(paths.db))
        final = final.signed(new_key)
    except StoreDamaged:
        connect(paths.db, old_key).close()  # raises StoreDamaged if neither key opens it
        key = old_key
        final = replace(header, slots=tuple(replace(s, pending=None) for s in header.slots))
        final = final.signed(old_key)
    HeaderFile(paths.header).write(final)
    return final, key


def _promote_pending(header: Header) -> Header:
    slots = tuple(
        replace(s, sealed=s.pending, pending=None) if s.pending is not None else s
        for s in header.slots
    )
    return replace(header, slots=slots, key_epoch=header.key_epoch + 1)


def _prove_rekey(db: Path, old_key: bytes, new_key: bytes) -> None:
    """Never trust rekey's return code: the new key must open, the old must fail."""
    conn = connect(db, new_key)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        if problems:
            raise StoreDamaged(db.name, "omkrypteringen misslyckades")
    finally:
        conn.close()
    try:
        connect(db, old_key).close()
    except StoreDamaged:
        return
    raise StoreDamaged(db.name, "den gamla nyckeln öppnar fortfarande registret")
