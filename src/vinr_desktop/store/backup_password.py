"""An optional backup password: a key pair that opens backups, never the register.

The pair is kept in the register (`store_meta`, inside the encrypted database), its private
half wrapped under Argon2id(backup password) exactly like a user slot. Every backup seals its
key to the public half and carries the wrapped private half, so the password opens backups on
any computer. It is not a slot of the register's key file: the register's data key is never
sealed to it, and re-keying the register does not touch it. The service that sets it checks
the password rules and audits the change.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from sqlalchemy import delete

from vinr_desktop.domain import passwords
from vinr_desktop.store import keys
from vinr_desktop.store.backup_keys import BackupSlot
from vinr_desktop.store.schema import StoreMeta
from vinr_desktop.store.unlocked import Store

META_KEY = "backup_password_slot"
SLOT_ID = "backup_password"


def _aad(store_id: str) -> bytes:
    return f"backup-password|{store_id}|1".encode()


def set_backup_password(store: Store, password: str, kdf: keys.KdfParams) -> None:
    """Choose (or replace) the backup password; later backups can be opened with it."""
    kdf.require_floor()
    salt = keys.new_salt()
    private, _public = keys.new_key_pair()
    wrapping = keys.derive_wrapping_key(passwords.normalize(password), salt, kdf)
    wrapped = keys.wrap_private_key(private, wrapping, _aad(store.store_id))
    slot = BackupSlot(
        slot_id=SLOT_ID,
        kind="backup_password",
        username="",
        kdf=kdf,
        salt=salt,
        wrapped=wrapped,
        wrap_aad=_aad(store.store_id),
        device_bound=False,
        sealed=keys.SealedKey(b"", b"", b""),
    )
    value = json.dumps(slot.to_dict(), sort_keys=True)
    with store.session() as session:
        session.merge(StoreMeta(key=META_KEY, value=value))


def clear_backup_password(store: Store) -> None:
    """No backup password: later backups open only for administrators and the recovery code."""
    with store.session() as session:
        session.execute(delete(StoreMeta).where(StoreMeta.key == META_KEY))


def read_slot(conn: Any) -> BackupSlot | None:
    """The stored backup-password slot, read through a keyed DB-API connection."""
    row = conn.execute("SELECT value FROM store_meta WHERE key = ?", (META_KEY,)).fetchone()
    if row is None:
        return None
    return BackupSlot.from_dict(json.loads(str(row[0])))


def sealed_for_backup(slot: BackupSlot, backup_id: str, backup_key: bytes) -> BackupSlot:
    """The slot as a backup carries it: the backup key sealed to the password's key pair."""
    return replace(
        slot,
        sealed=keys.seal(
            backup_key, slot.wrapped.public_key, BackupSlot.seal_aad(slot.slot_id, backup_id)
        ),
    )
