"""Rebuild a lost or damaged key file (`vinr.keys`) from a backup, the database being intact.

What is possible, and why: a backup carries (sealed under its own key) a copy of the register's
key file as it was at the backup. In that copy, the data key of the register *at that time* is
sealed to every slot. The recovery code, or an administrator's password of that time, opens the
backup and with the same key pair the matching slot of the copy, which yields that data key.

- It works only if the register has not been re-keyed since the backup (a user removed, which
  gives the database a new key): the old data key no longer opens `vinr.db`, and the rebuild is
  refused with a message to use a later backup or to restore from this one.
- The rebuilt key file has the slots of the copy: users log in with their password of the time
  of the backup; users added after it have no slot (an administrator gives them a one-time
  password); a recovery code replaced after it does not work, the one of that time does.
- The database's audit chain must contain the backup's head (proving the database is this
  register's, at least as new as the backup) and verify to its end; the rebuilt key file takes
  that end as its head, and a `key_file_rebuilt` event names both.
- A backup password opens the backup but holds no register slot, so it cannot rebuild.
- A damaged key file is moved aside (`vinr.keys.skadad-<time>`), never deleted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from vinr_desktop.domain.clock import utc_now
from vinr_desktop.domain.errors import (
    AuditLogBroken,
    BackupDamaged,
    HeaderDamaged,
    HeaderMissing,
    InvalidInput,
    StoreDamaged,
    UserError,
)
from vinr_desktop.store import audit, keys
from vinr_desktop.store.backup_keys import BackupPassword, BackupSecret
from vinr_desktop.store.backup_verify import open_backup
from vinr_desktop.store.device import DeviceSecretStore
from vinr_desktop.store.engine import ConnectionOwner, DatabaseError, connect
from vinr_desktop.store.header import Header, HeaderFile, read_db_salt
from vinr_desktop.store.paths import StorePaths
from vinr_desktop.store.schema import UserRow
from vinr_desktop.store.unlocked import Store


@dataclass(frozen=True)
class RebuildResult:
    header: Header
    usernames: tuple[str, ...]  # active users who can log in again
    without_slot: tuple[str, ...]  # active users (usernames) added after the backup
    damaged_aside: Path | None  # where the damaged key file was moved


def _not_this_backup(name: str, why: str) -> UserError:
    return UserError(
        f"Nyckelfilen kan inte byggas upp från säkerhetskopian {name}: {why}. Använd en senare "
        "kopia, eller återställ registret från den här kopian till en ny mapp. Ingenting har "
        "ändrats."
    )


def rebuild_key_file(
    paths: StorePaths,
    backup: Path,
    secret: BackupSecret,
    *,
    device: DeviceSecretStore | None = None,
    now: datetime | None = None,
) -> RebuildResult:
    """Write a new `vinr.keys` for the intact `vinr.db` from `backup`'s copy of it.

    The caller holds the register's instance lock. Raises WrongPassword, BackupDamaged,
    StoreDamaged, AuditLogBroken, InvalidInput or UserError; nothing is changed then.
    """
    moment = (now or utc_now()).astimezone(UTC)
    if isinstance(secret, BackupPassword):
        raise InvalidInput(
            "Nyckelfilen kan bara byggas upp med en administratörs lösenord eller "
            "återställningskoden, inte med säkerhetskopieringslösenordet."
        )
    if not paths.db.is_file():
        raise StoreDamaged(paths.db.name, "filen saknas")
    try:
        existing: Header | None = HeaderFile(paths.header).read()
    except (HeaderMissing, HeaderDamaged):
        existing = None
    folder, key_file, opened = open_backup(backup, secret, device=device)
    copy, manifest = opened.contents.register_header, opened.contents.manifest
    slot = copy.slot_by_id(opened.slot.slot_id)
    if slot is None or slot.wrapped.public_key != opened.slot.wrapped.public_key:
        raise BackupDamaged(folder.name, "kopian av nyckelfilen saknar nyckeln")
    try:
        data_key = keys.unseal(slot.sealed, opened.private, slot.seal_aad(copy.store_id))
    except keys.KeyUnwrapError:
        raise BackupDamaged(folder.name, "kopian av nyckelfilen går inte att öppna") from None
    if not copy.mac_valid(data_key):
        raise BackupDamaged(folder.name, "kopian av nyckelfilen har ändrats")
    try:
        conn = connect(paths.db, data_key)
    except StoreDamaged:
        raise _not_this_backup(
            folder.name,
            "registret har fått en ny nyckel efter att kopian togs (till exempel när en "
            "användare togs bort), eller så hör kopian till ett annat register",
        ) from None
    try:
        row = conn.execute("SELECT value FROM store_meta WHERE key = 'store_id'").fetchone()
    finally:
        conn.close()
    if row is None or str(row[0]) != copy.store_id:
        raise _not_this_backup(folder.name, "kopian hör till ett annat register")
    if existing is not None and existing.store_id == copy.store_id and existing.mac_valid(data_key):
        raise InvalidInput(
            f"Nyckelfilen {paths.header.name} är hel och hör till registret; den behöver inte "
            "byggas upp. Ingenting har ändrats."
        )
    report = _check_database(paths, data_key, (manifest.audit_seq, manifest.audit_mac))
    header = replace(
        copy,
        slots=tuple(replace(s, pending=None).without_failures() for s in copy.slots),
        audit_seq=report.last_seq,
        audit_mac=report.last_mac,
        db_salt=read_db_salt(paths.db),
    ).signed(data_key)
    aside = None
    if paths.header.exists():
        aside = paths.header.with_name(f"{paths.header.name}.skadad-{moment:%Y%m%dT%H%M%SZ}")
        os.rename(paths.header, aside)
    HeaderFile(paths.header).write(header)
    store = Store(paths, header, data_key)
    try:
        store._load()
        user_id = slot.slot_id if slot.kind == "user" else None
        with store.session() as session:
            store.record(
                session,
                user_id=user_id,
                action="key_file_rebuilt",
                object_id=key_file.facts.backup_id,
                reason=audit.head_reason(
                    (manifest.audit_seq, manifest.audit_mac), (report.last_seq, report.last_mac)
                ),
            )
            active = session.execute(
                select(UserRow.id, UserRow.username).where(UserRow.active.is_(True))
            ).all()
        slotted = {s.slot_id for s in store.header.user_slots()}
        final = store.header
    finally:
        store.close()
    return RebuildResult(
        header=final,
        usernames=tuple(sorted(name for uid, name in active if uid in slotted)),
        without_slot=tuple(sorted(name for uid, name in active if uid not in slotted)),
        damaged_aside=aside,
    )


def _check_database(
    paths: StorePaths, data_key: bytes, backup_head: tuple[int, str]
) -> audit.ChainReport:
    """Both integrity checks, and the chain verified to its end through the backup's head.

    Read-only: nothing is migrated or written before the rebuild is decided."""
    conn = connect(paths.db, data_key)
    try:
        problems = [
            str(r[0])
            for pragma in ("integrity_check", "cipher_integrity_check")
            for r in conn.execute(f"PRAGMA {pragma}").fetchall()
            if r[0] != "ok"
        ]
        row = conn.execute("SELECT value FROM store_meta WHERE key = 'audit_key'").fetchone()
    except DatabaseError:
        problems, row = ["unreadable"], None
    finally:
        conn.close()
    if problems or row is None:
        raise StoreDamaged(paths.db.name, "integritetskontrollen hittade fel")
    owner = ConnectionOwner(paths.db, data_key)
    try:
        with owner.borrow() as engine, Session(engine) as session:
            report = audit.verify_chain(
                session, bytes.fromhex(str(row[0])), backup_head[0], backup_head[1]
            )
    finally:
        owner.retire()
    if not report.ok:
        raise AuditLogBroken(
            "Granskningsloggen i registret hänger inte ihop med säkerhetskopian (poster saknas, "
            "har ändrats, eller registerfilen är äldre än kopian). Nyckelfilen byggdes inte upp; "
            "ingenting har ändrats.",
            report.problems,
        )
    return report
