"""Encrypted backups: write one from the open register (verify and restore elsewhere).

Layout and naming: backup_folder.py. Keys and the key file: backup_keys.py. Reading and
checking: backup_verify.py (re-exported here, so services need this one module). Restore and
the folder swap: restore.py; rebuilding a lost key file: rebuild.py.

Why a folder of two files and not one file: SQLite can only open a database that is a file of
its own. A single-file backup (a header followed by the database) would have to be copied out
to a scratch file before every verify or restore, doubling the writes on a slow USB stick and
putting a second copy somewhere (the OS temp folder, or a backup medium that may be
write-protected). As a folder, the copy is verified and restored in place, read-only, and
`vinr-kopia.db` stays a standard SQLCipher 4 file. The two files belong together like
`vinr.db` and `vinr.keys`; the folder is written and renamed as one.

Writing (`write_backup`): a `backup_started` audit event (fail closed); one read snapshot of
the register (a fresh connection in a read transaction, WAL: writers keep working, the copy is
consistent) from which the manifest is read and SQLite's online backup API copies every page
into a new SQLCipher database under a fresh 32-byte backup key; the copy is switched to
rollback-journal mode, closed, fsynced, reopened read-only and checked (`cipher_integrity_check`,
`integrity_check`, the manifest recounted, the audit chain verified up to the key file's head);
then the key file is written, fsynced, read back and opened, and the folder is renamed to its
final name and the target folder fsynced. On any failure the temporary folder is removed and a
Swedish UserError raised; the register records `backup_written` or `backup_failed`.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from vinr_desktop import __version__
from vinr_desktop.domain.clock import utc_now
from vinr_desktop.domain.errors import (
    AuditLogBroken,
    BackupDamaged,
    BackupFailed,
    DiskFull,
    UserError,
)
from vinr_desktop.store import backup_password, keys
from vinr_desktop.store.backup_folder import (
    DB_NAME,
    KEYS_NAME,
    BackupInfo,
    final_path,
    list_backups,
    read_backup_info,
    read_key_file,
    remove_stale_temporaries,
    temporary_path,
    thin_backups,
)
from vinr_desktop.store.backup_keys import (
    AdminPassword,
    BackupContents,
    BackupFacts,
    BackupPassword,
    BackupSecret,
    BackupSlot,
    ContentsDamaged,
    RecoveryCode,
    seal_key_file,
    slot_from_register,
)
from vinr_desktop.store.backup_verify import (
    VerifiedBackup,
    check_copy,
    check_digest,
    file_digest,
    open_backup,
    open_keyed,
    open_verified,
    verify_backup,
)
from vinr_desktop.store.engine import connect
from vinr_desktop.store.header import Header
from vinr_desktop.store.manifest import Manifest, read_manifest
from vinr_desktop.store.paths import StorePaths
from vinr_desktop.store.safe_files import (
    free_bytes,
    fsync_dir,
    fsync_file,
    looks_full,
    remove_tree,
    rename_durably,
)
from vinr_desktop.store.schema import StoreMeta
from vinr_desktop.store.unlocked import Store

# The one module the services need: writing here, reading and checking re-exported.
__all__ = [
    "AdminPassword",
    "BackupInfo",
    "BackupPassword",
    "BackupResult",
    "BackupSecret",
    "RecoveryCode",
    "VerifiedBackup",
    "check_copy",
    "check_digest",
    "list_backups",
    "open_backup",
    "open_keyed",
    "open_verified",
    "read_backup_info",
    "thin_backups",
    "verify_backup",
    "write_backup",
]

log = logging.getLogger(__name__)

STEP_PAGES = 2048  # 8 MiB per backup step (progress granularity)
Progress = Callable[[int, int], None]  # (pages copied, pages in all)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: Manifest
    facts: BackupFacts
    recorded: bool  # the register's `backup_written` event and last-backup time were saved


# -- writing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Snapshot:
    manifest: Manifest
    admin_ids: tuple[str, ...]
    password_slot: BackupSlot | None


def _no_room(target: Path) -> DiskFull:
    return DiskFull(
        f"Det finns inte plats för säkerhetskopian i {target}. Ingenting har skrivits till "
        "hälften och registret är oförändrat. Frigör utrymme eller välj en annan plats och "
        "försök igen."
    )


def _usable_target(paths: StorePaths, target: Path) -> Path:
    target = Path(target).expanduser().absolute()
    if not target.is_dir():
        raise BackupFailed(f"Mappen {target} finns inte eller är ingen mapp.")
    register = paths.folder.resolve()
    resolved = target.resolve()
    if resolved == register or register in resolved.parents:
        raise BackupFailed(
            "Säkerhetskopian kan inte läggas i registrets egen mapp. Välj en annan plats, helst "
            "en annan disk (ett USB-minne eller en nätverksmapp)."
        )
    return target


def _copy(
    source: Path,
    data_key: bytes,
    db: Path,
    backup_key: bytes,
    created_utc: str,
    target: Path,
    progress: Progress | None,
) -> _Snapshot:
    """Copy one read snapshot of the register into `db` under `backup_key`."""
    src = connect(source, data_key)
    try:
        src.execute("BEGIN")  # the snapshot: everything below reads the same state
        manifest = read_manifest(src, created_utc=created_utc, program_version=__version__)
        admins = tuple(
            str(user_id)
            for user_id, roles in src.execute(
                "SELECT id, roles FROM users WHERE active ORDER BY id"
            ).fetchall()
            if "admin" in str(roles).split(",")
        )
        password_slot = backup_password.read_slot(src)
        (pages,) = src.execute("PRAGMA page_count").fetchone()
        (page_size,) = src.execute("PRAGMA page_size").fetchone()
        free = free_bytes(target)
        if free is not None and free < int(pages) * int(page_size):
            raise _no_room(target)
        dst = open_keyed(db, backup_key, create=True)
        try:
            report: Callable[[int, int, int], None] | None = None
            if progress is not None:

                def report(_status: int, remaining: int, total: int) -> None:
                    progress(total - remaining, total)

            src.backup(dst, pages=STEP_PAGES, progress=report)
            # The copied header says WAL; a backup is one self-contained file.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
        src.execute("ROLLBACK")
    finally:
        src.close()
    return _Snapshot(manifest, admins, password_slot)


def _write_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(
    store: Store,
    header: Header,
    data_key: bytes,
    folder: Path,
    backup_id: str,
    created: datetime,
    progress: Progress | None,
) -> tuple[Manifest, BackupFacts]:
    folder.mkdir(mode=0o700)
    backup_key = keys.new_data_key()
    db = folder / DB_NAME
    created_utc = created.isoformat(timespec="seconds")
    snap = _copy(store.paths.db, data_key, db, backup_key, created_utc, folder.parent, progress)
    fsync_file(db)
    check_copy(db, backup_key, snap.manifest, (header.audit_seq, header.audit_mac))
    digest, size = file_digest(db)
    store_id = header.store_id
    slots = [
        slot_from_register(store_id, slot, backup_id, backup_key)
        for slot in (header.slot_by_id(i) for i in snap.admin_ids)
        if slot is not None and slot.kind == "user"
    ]
    recovery = header.recovery_slot()
    if recovery is not None:
        slots.append(slot_from_register(store_id, recovery, backup_id, backup_key))
    if snap.password_slot is not None:
        slots.append(backup_password.sealed_for_backup(snap.password_slot, backup_id, backup_key))
    if not slots:
        raise BackupFailed("Ingen administratör och ingen återställningskod kan öppna en kopia.")
    facts = BackupFacts(
        backup_id=backup_id,
        store_id=store_id,
        created_utc=created_utc,
        program_version=__version__,
        schema_revision=snap.manifest.schema_revision,
        db_bytes=size,
        db_sha256=digest,
    )
    contents = BackupContents(snap.manifest, header)
    _write_file(
        folder / KEYS_NAME, seal_key_file(facts, tuple(slots), contents, backup_key).to_json()
    )
    fsync_dir(folder)
    # Read back what is on the disk: the key file opens and says what was meant.
    again = read_key_file(folder).open_contents(backup_key)
    if again.manifest != snap.manifest or read_key_file(folder).facts != facts:
        raise BackupDamaged(folder.name, "nyckelfilen lästes inte tillbaka likadan")
    return snap.manifest, facts


def _failure_code(exc: BaseException, target: Path) -> str:
    """What went wrong, as a code for the audit log (decided before anything is cleaned up:
    SQLite says "disk I/O error" when even its journal cannot be written, so free space
    tells a full disk from a broken one, as engine.known_error does)."""
    if isinstance(exc, DiskFull) or looks_full(exc, target):
        return "disk_full"
    if isinstance(exc, AuditLogBroken):
        return "audit_broken"
    if isinstance(exc, BackupDamaged | ContentsDamaged):
        return "verify_failed"
    if isinstance(exc, OSError):
        return "write_error"
    return "error"


def _as_user_error(exc: BaseException, code: str, target: Path) -> BaseException:
    if code == "disk_full":
        return _no_room(target)
    if code == "audit_broken":
        problems = exc.problems if isinstance(exc, AuditLogBroken) else []
        return AuditLogBroken(
            "Granskningsloggen i registret har ändrats eller saknar poster, så ingen "
            "säkerhetskopia togs. Kör vinr-admin verify och kontakta IT-stöd; kopiera hela "
            "registermappen åt sidan medan programmet är stängt.",
            problems,
        )
    if code == "verify_failed":
        return BackupFailed(
            f"Den nya säkerhetskopian i {target} klarade inte kontrollen och har tagits bort. "
            "Disken eller USB-minnet kan vara skadat; försök igen, gärna på en annan plats."
        )
    if code == "write_error":
        return BackupFailed(
            f"Säkerhetskopian kunde inte skrivas till {target} (mappen går inte att skriva i, "
            "eller disken kopplades bort)."
        )
    return exc


def write_backup(
    store: Store,
    target: Path,
    *,
    user_id: str | None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> BackupResult:
    """Write a verified, encrypted backup of the open register into a new folder in `target`.

    `user_id` is the administrator doing it (None for the recovery code); the caller has
    checked that she may. Returns where it went and its manifest. Raises DiskFull,
    BackupFailed, AuditLogBroken (the register's own log does not verify) or StoreDamaged.
    """
    created = (now or utc_now()).astimezone(UTC).replace(microsecond=0)
    target = _usable_target(store.paths, target)
    header, data_key = store.header, store.data_key
    if any(slot.pending is not None for slot in header.slots):
        raise BackupFailed(
            "Registret håller på att få en ny nyckel. Logga in igen och försök sedan."
        )
    backup_id = uuid.uuid4().hex
    remove_stale_temporaries(target, header.store_id)
    with store.session() as session:  # fail closed: no backup without its audit event
        store.record(session, user_id=user_id, action="backup_started", object_id=backup_id)
    final = final_path(target, created, header.store_id)
    folder = temporary_path(final, backup_id)
    try:
        manifest, facts = _write(store, header, data_key, folder, backup_id, created, progress)
        rename_durably(folder, final)
    except BaseException as exc:
        code = _failure_code(exc, target)
        remove_tree(folder)
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        _record(store, user_id, "backup_failed", backup_id, reason=code)
        error = _as_user_error(exc, code, target)
        if error is exc:
            raise
        raise error from exc
    recorded = _record(store, user_id, "backup_written", backup_id, last_backup=created)
    return BackupResult(final, manifest, facts, recorded)


def _record(
    store: Store,
    user_id: str | None,
    action: str,
    backup_id: str,
    *,
    reason: str | None = None,
    last_backup: datetime | None = None,
) -> bool:
    """The outcome in the register's log; a full register disk must not hide a good backup."""
    try:
        with store.session() as session:
            store.record(
                session, user_id=user_id, action=action, object_id=backup_id, reason=reason
            )
            if last_backup is not None:
                session.merge(
                    StoreMeta(
                        key="last_backup_utc", value=last_backup.isoformat(timespec="seconds")
                    )
                )
    except (UserError, OSError, sqlcipher.DatabaseError):
        log.warning("backup outcome not recorded in the register: %s", action)
        return False
    return True
