"""The store's life cycle: create a store, unlock it with a password or the recovery code,
finish an interrupted re-key. The unlocked `Store` is in unlocked.py, key slots in slots.py.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from vinr_desktop.domain import login_policy
from vinr_desktop.domain.clock import utc_now
from vinr_desktop.domain.errors import (
    DeviceBindingMissing,
    HeaderDamaged,
    HeaderMissing,
    StoreDamaged,
    StoreExists,
    TooManyAttempts,
    WrongPassword,
)
from vinr_desktop.store import audit, keys, migrations
from vinr_desktop.store.device import DeviceSecretStore
from vinr_desktop.store.engine import ConnectionOwner, connect
from vinr_desktop.store.header import (
    RECOVERY_SLOT_ID,
    Header,
    HeaderFile,
    KeySlot,
    fsync_dir,
    read_db_salt,
)
from vinr_desktop.store.paths import PRIVATE_FILE_MODE, StorePaths, make_private_folder
from vinr_desktop.store.schema import StoreMeta, UserRow
from vinr_desktop.store.slots import make_slot, open_slot_private_key, promote_pending
from vinr_desktop.store.unlocked import Store

__all__ = [
    "NewUser",
    "Store",
    "StoreFacts",
    "Unlocked",
    "create_store",
    "make_slot",
    "new_id",
    "open_slot_private_key",
    "read_header",
    "unlock",
    "unlock_with_recovery",
    "utc_now",
]

STORE_FORMAT = "1"


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
    now: datetime | None = None,
) -> tuple[Store, str]:
    """Create a new store with one user; return it unlocked and the recovery code to show once.

    Built in a staging folder and moved into place (database first, header last), so an
    interrupted setup never leaves a header that points at nothing.
    """
    if paths.header.exists() or paths.db.exists():
        raise StoreExists()
    kdf.require_floor()
    make_private_folder(paths.folder)
    store_id = new_id()
    device_secret = device.create(store_id) if device is not None else None
    data_key = keys.new_data_key()
    recovery_code = keys.new_recovery_code()
    moment = (now or utc_now()).astimezone(UTC)
    stamp = moment.isoformat(timespec="microseconds")  # the audit events' time
    now_text = moment.isoformat(timespec="seconds")
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
        created_utc=now_text,
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
        owner = ConnectionOwner(staged.db, data_key, create=True)
        audit_key = keys.subkey(data_key, "audit")
        try:
            with owner.borrow() as engine:
                migrations.upgrade(engine, schema_target)
                with Session(engine) as session, session.begin():
                    for key, value in {
                        "store_id": store_id,
                        "format": STORE_FORMAT,
                        "municipality": facts.municipality,
                        "unit": facts.unit,
                        "created_utc": now_text,
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
                            created_utc=now_text,
                        )
                    )
                    audit.append(
                        session,
                        audit_key,
                        user_id=first_user.user_id,
                        action="store_created",
                        ts_utc=stamp,
                    )
                    row = audit.append(
                        session,
                        audit_key,
                        user_id=first_user.user_id,
                        action="user_added",
                        object_id=first_user.user_id,
                        ts_utc=stamp,
                    )
                    head = (row.seq, row.mac)
        finally:
            owner.retire()  # the last connection closed checkpoints and removes the WAL
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
    paths.lock.touch(mode=PRIVATE_FILE_MODE, exist_ok=True)
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
        final = replace(promote_pending(header), db_salt=read_db_salt(paths.db))
        final = final.signed(new_key)
    except StoreDamaged:
        connect(paths.db, old_key).close()  # raises StoreDamaged if neither key opens it
        key = old_key
        final = replace(header, slots=tuple(replace(s, pending=None) for s in header.slots))
        final = final.signed(old_key)
    HeaderFile(paths.header).write(final)
    return final, key
