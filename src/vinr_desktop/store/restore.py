"""Restore a register from a backup into a new folder, and swap it in for the current one.

Restore (`restore_backup`) never writes into an existing register. The backup is verified in
full first (read-only); then, in a hidden staging folder beside the target, SQLite's backup API
copies it into a new `vinr.db` under a fresh data key, and a new key file is made:

- the slots are those of the backup's copy of the register's key file, each re-sealed to the
  fresh data key (only public keys are needed, so no one's password is asked): every user who
  had a login at the backup logs in with her password of that time, the recovery code of that
  time works, and the restoring administrator is among them (she opened the backup with her
  key pair, which is her slot there);
- if the caller passes the current register's key file (a restore on the same computer), the
  users and the recovery code take their *current* slots instead, so current passwords and the
  code in the safe keep working; a user who has no slot there any more was removed after the
  backup: she gets no slot, and her account is deactivated again in the restored register;
- the key file's audit head starts at the backup's head; then a `store_restored` event names
  both heads (the backup's, and the register's at restore time when known), so the chain
  verifies and the log says which events of the old register are not in this one.

An older schema revision is migrated when the staged register first opens. The staged register
is verified (both integrity checks, the audit chain against its new key file) and only then
renamed to the target name. Anything failing removes the staging folder: nothing is left.

`swap_in_restored` then puts it in the current register's place, moving the current one aside
as "<name> före återställning <date>"; `undo_interrupted_swap` puts the old one back if a
crash came between the two renames.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from vinr_desktop.domain.clock import utc_now
from vinr_desktop.domain.errors import (
    BackupDamaged,
    BackupFailed,
    DiskFull,
    InvalidInput,
    StoreExists,
)
from vinr_desktop.store import audit, keys
from vinr_desktop.store.backup_folder import DB_NAME
from vinr_desktop.store.backup_keys import BackupSecret
from vinr_desktop.store.backup_verify import open_keyed, open_verified
from vinr_desktop.store.device import DeviceSecretStore
from vinr_desktop.store.engine import connect
from vinr_desktop.store.header import Header, HeaderFile, KeySlot, read_db_salt
from vinr_desktop.store.manifest import Manifest
from vinr_desktop.store.paths import StorePaths
from vinr_desktop.store.safe_files import (
    fsync_dir,
    fsync_file,
    looks_full,
    remove_tree,
    rename_durably,
)
from vinr_desktop.store.schema import AuditRow, UserRow
from vinr_desktop.store.unlocked import Store

ASIDE_WORDS = "före återställning"


@dataclass(frozen=True)
class RestoreResult:
    paths: StorePaths
    manifest: Manifest
    backup_head: tuple[int, str]
    register_head: tuple[int, str] | None
    restore_seq: int  # the `store_restored` event
    usernames: tuple[str, ...]  # users who can log in to the restored register
    deactivated: tuple[str, ...]  # user ids deactivated again (removed after the backup)
    migrated: bool


def _usable_target(target: Path) -> Path:
    target = Path(target).expanduser().absolute()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise StoreExists(
            f"Mappen {target} finns redan och är inte tom. Återställ till en ny, tom mapp; "
            "ingenting har ändrats."
        )
    if target.parent.exists() and not target.parent.is_dir():
        raise InvalidInput(f"{target.parent} är ingen mapp.")
    return target


def _restored_slots(
    copy: Header, current: Header | None
) -> tuple[tuple[KeySlot, ...], tuple[str, ...]]:
    """The slots the restored register gets, and the user ids left without one."""
    if current is None or current.store_id != copy.store_id:
        return tuple(s for s in copy.slots if s.kind in ("user", "recovery")), ()
    chosen: list[KeySlot] = []
    dropped: list[str] = []
    for slot in copy.slots:
        now_slot = current.slot_by_id(slot.slot_id)
        if now_slot is not None:
            chosen.append(now_slot)
        elif slot.kind == "user":
            dropped.append(slot.slot_id)
    old_recovery = copy.recovery_slot()
    if current.recovery_slot() is None and old_recovery is not None:
        chosen.append(old_recovery)
    return tuple(chosen), tuple(dropped)


def restore_backup(
    backup: Path,
    secret: BackupSecret,
    target: Path,
    *,
    device: DeviceSecretStore | None = None,
    current_header: Header | None = None,
    now: datetime | None = None,
) -> RestoreResult:
    """Verify `backup` and restore it as a new register in the new, empty folder `target`.

    Raises WrongPassword, BackupDamaged, AuditLogBroken, StoreExists, DiskFull or BackupFailed;
    in every case nothing is left in or beside `target`.
    """
    moment = (now or utc_now()).astimezone(UTC)
    target = _usable_target(target)
    verified, opened = open_verified(backup, secret, device=device)
    folder = verified.path
    manifest, copy = opened.contents.manifest, opened.contents.register_header
    backup_head = (manifest.audit_seq, manifest.audit_mac)
    register_head = (
        (current_header.audit_seq, current_header.audit_mac)
        if current_header is not None and current_header.store_id == copy.store_id
        else None
    )
    slots, dropped = _restored_slots(copy, current_header)
    if not any(s.kind == "user" for s in slots) and copy.recovery_slot() is None:
        raise BackupDamaged(folder.name, "ingen användare kan logga in i den")
    staging = target.with_name(f".{target.name}.restoring-{uuid.uuid4().hex[:12]}")
    staged = StorePaths(staging)
    target.parent.mkdir(parents=True, exist_ok=True)  # as a new register's folder is made
    try:
        staging.mkdir(mode=0o700)
        data_key = keys.new_data_key()
        _copy_in(folder / DB_NAME, opened.backup_key, staged.db, data_key)
        header = Header(
            store_id=copy.store_id,
            created_utc=copy.created_utc,
            key_epoch=max(copy.key_epoch, current_header.key_epoch if current_header else 0) + 1,
            device_binding=copy.device_binding,
            slots=tuple(
                replace(
                    s,
                    sealed=keys.seal(data_key, s.wrapped.public_key, s.seal_aad(copy.store_id)),
                    pending=None,
                ).without_failures()
                for s in slots
            ),
            audit_seq=backup_head[0],
            audit_mac=backup_head[1],
            db_salt=read_db_salt(staged.db),
        ).signed(data_key)
        HeaderFile(staged.header).write(header)
        user_id = opened.slot.slot_id if opened.slot.kind == "user" else None
        result = _finish(
            staged,
            header,
            data_key,
            user_id,
            dropped,
            moment,
            verified.facts.backup_id,
            (backup_head, register_head),
            manifest,
        )
        fsync_dir(staging)
        if target.exists():
            target.rmdir()  # the empty folder the user chose
        rename_durably(staging, target)
    except BaseException as exc:
        full = isinstance(exc, DiskFull) or looks_full(exc, target.parent)
        remove_tree(staging)
        if full:
            raise DiskFull(
                f"Det finns inte plats för det återställda registret i {target.parent}. "
                "Ingenting har skrivits till hälften. Frigör utrymme och försök igen."
            ) from exc
        if isinstance(exc, OSError):
            raise BackupFailed(f"Registret kunde inte skrivas till {target}.") from exc
        raise
    return replace(result, paths=StorePaths(target))


def _copy_in(source: Path, backup_key: bytes, db: Path, data_key: bytes) -> None:
    """The backup's pages into a new register database under the fresh data key."""
    src = open_keyed(source, backup_key, readonly=True)
    try:
        dst = open_keyed(db, data_key, create=True)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = WAL")
        finally:
            dst.close()
    finally:
        src.close()
    fsync_file(db)


def _finish(
    staged: StorePaths,
    header: Header,
    data_key: bytes,
    user_id: str | None,
    dropped: tuple[str, ...],
    moment: datetime,
    backup_id: str,
    heads: tuple[tuple[int, str], tuple[int, str] | None],
    manifest: Manifest,
) -> RestoreResult:
    """Open the staged register (migrating it), write the restore events, verify it."""
    store = Store(staged, header, data_key)
    try:
        store._load()
        with store.session() as session:
            migrated = manifest.schema_revision != _revision(session)
            event = store.record(
                session,
                user_id=user_id,
                action="store_restored",
                object_id=backup_id,
                reason=audit.head_reason(*heads),
            )
            restore_seq = event.seq
            for gone in dropped:
                row = session.get(UserRow, gone)
                if row is not None and row.active:
                    row.active = False
                    row.deactivated_utc = moment.isoformat(timespec="seconds")
                    store.record(session, user_id=user_id, action="user_removed", object_id=gone)
            usernames = tuple(
                sorted(
                    session.execute(
                        select(UserRow.username).where(
                            UserRow.active.is_(True),
                            UserRow.id.in_([s.slot_id for s in store.header.user_slots()]),
                        )
                    ).scalars()
                )
            )
        problems = store.integrity_check()
        report = store.verify_audit()
    finally:
        store.close()
    if problems or not report.ok:
        raise BackupFailed("Det återställda registret klarade inte kontrollen och togs bort.")
    _checkpoint(staged.db, data_key)
    return RestoreResult(
        paths=staged,
        manifest=manifest,
        backup_head=heads[0],
        register_head=heads[1],
        restore_seq=restore_seq,
        usernames=usernames,
        deactivated=dropped,
        migrated=migrated,
    )


def _revision(session: object) -> str:
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    return str(session.execute(text("SELECT version_num FROM alembic_version")).scalar_one())


def _checkpoint(db: Path, data_key: bytes) -> None:
    """Fold the WAL into the database file and flush it, before the folder is renamed."""
    conn = connect(db, data_key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    fsync_file(db)


def backup_belongs_to(store: Store, manifest: Manifest) -> bool:
    """Whether a verified backup was taken from this register's own history: its audit head
    (seq, mac) is a row of the register's chain.

    A backup is authenticated by its own key only, and anyone who can write to the backup
    folder can make one that opens with an administrator's password (her public key and
    wrapped private key are in every key file). Such a backup has its own audit key, so its
    head can never match a row of this register. Check this before restoring over the
    current register; a backup made after an earlier restore's head, on the old timeline,
    does not belong either.
    """
    with store.session() as session:
        row = session.get(AuditRow, manifest.audit_seq)
        return row is not None and keys.mac_equal(row.mac, manifest.audit_mac)


# -- swapping folders ------------------------------------------------------------------------


def aside_path(register: Path, now: datetime) -> Path:
    local = now.astimezone()
    base = f"{register.name} {ASIDE_WORDS} {local:%Y-%m-%d %H.%M.%S}"
    path, number = register.with_name(base), 1
    while path.exists():
        number += 1
        path = register.with_name(f"{base} ({number})")
    return path


def swap_in_restored(register: Path, restored: Path, *, now: datetime | None = None) -> Path | None:
    """Put the restored register in `register`'s place; the current one is moved aside.

    Two renames in one folder, each flushed: register → "<name> före återställning <date>",
    then restored → register. If the second fails, the first is undone, so the current
    register is always either in place or (after a crash between the two) beside it under the
    aside name, where `undo_interrupted_swap` finds it. Returns the aside folder (None when
    there was no current register). The store must be closed and its instance lock released.
    """
    register, restored = Path(register).absolute(), Path(restored).absolute()
    if not (StorePaths(restored).db.is_file() and StorePaths(restored).header.is_file()):
        raise InvalidInput(f"Mappen {restored} innehåller inget återställt register.")
    if (
        restored.parent != register.parent
        and restored.stat().st_dev != register.parent.stat().st_dev
    ):
        raise InvalidInput(
            "Det återställda registret måste ligga på samma disk som registret för att kunna "
            "bytas in. Ingenting har ändrats."
        )
    if not register.exists():
        rename_durably(restored, register)
        return None
    aside = aside_path(register, now or utc_now())
    rename_durably(register, aside)
    try:
        rename_durably(restored, register)
    except BaseException:
        if not register.exists():
            rename_durably(aside, register)
        raise
    return aside


def undo_interrupted_swap(register: Path) -> Path | None:
    """If `register` is missing and a folder moved aside by `swap_in_restored` is beside it,
    put the newest such folder back (the restored one stays where it was). Returns it."""
    register = Path(register).absolute()
    if register.exists():
        return None
    prefix = f"{register.name} {ASIDE_WORDS} "
    try:
        candidates = [
            Path(entry.path)
            for entry in os.scandir(register.parent)
            if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False)
        ]
    except OSError:
        return None
    if not candidates:
        return None
    newest = max(candidates, key=lambda p: p.name)  # the names carry the time
    rename_durably(newest, register)
    return newest
