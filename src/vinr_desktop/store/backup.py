"""Encrypted backups: write one from the open register, and verify one.

Layout and naming: backup_folder.py. Keys and the key file: backup_keys.py.

Why a folder of two files and not one file: SQLite can only open a database that is a file of
its own. A single-file backup (a header followed by the database) would have to be copied out
to a scratch file before every verify or restore, doubling the writes on a slow USB stick and
putting a second copy somewhere (the OS temp folder, or a backup medium that may be
write-protected). As a folder, the copy is verified and restored in place, read-only, and
`vinr-kopia.db` stays a standard SQLCipher 4 file. The two files belong together like
`vinr.db` and `vinr.keys`; the folder is written and renamed as one.

Writing (`write_backup`): a `backup_started` audit event (fail closed); one read snapshot of the
register (a fresh connection in a read transaction, WAL: writers keep working, the copy is
consistent) from which the manifest is read and SQLite's online backup API copies every page
into a new SQLCipher database under a fresh 32-byte backup key; the copy is switched to
rollback-journal mode, closed, fsynced, reopened read-only and checked (`cipher_integrity_check`,
`integrity_check`, the manifest recounted, the audit chain verified up to the key file's head);
then the key file is written, fsynced, read back and opened, and the folder is renamed to its
final name and the target folder fsynced. On any failure the temporary folder is removed and a
Swedish UserError raised; the register records `backup_written` or `backup_failed`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from vinr_desktop import __version__
from vinr_desktop.domain.clock import utc_now
from vinr_desktop.domain.errors import (
    AuditLogBroken,
    BackupDamaged,
    BackupFailed,
    DiskFull,
    UserError,
)
from vinr_desktop.store import audit, backup_password, keys
from vinr_desktop.store.backup_folder import (
    DB_NAME,
    KEYS_NAME,
    BackupInfo,
    final_path,
    locate,
    read_backup_info,
    read_key_file,
    remove_stale_temporaries,
    temporary_path,
)
from vinr_desktop.store.backup_keys import (
    BackupContents,
    BackupFacts,
    BackupKeyFile,
    BackupSecret,
    BackupSlot,
    ContentsDamaged,
    OpenedKey,
    open_key_file,
    seal_key_file,
    slot_from_register,
)
from vinr_desktop.store.device import DeviceSecretStore
from vinr_desktop.store.engine import connect, key_pragma
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

__all__ = [
    "BackupInfo",
    "BackupResult",
    "VerifiedBackup",
    "read_backup_info",
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


@dataclass(frozen=True)
class VerifiedBackup:
    """A backup that passed every check; nothing of case content, only the manifest."""

    path: Path
    facts: BackupFacts
    manifest: Manifest
    audit_events: int
    opened_by: str  # "user", "recovery" or "backup_password"


# -- connections to a backup file -------------------------------------------------------------


def open_keyed(path: Path, key: bytes, *, create: bool = False, readonly: bool = False) -> Any:
    """A keyed connection to a backup database (never a register's: no WAL, no pool).

    Read-only connections use `mode=ro`, so checking a backup writes nothing beside it.
    Raises BackupDamaged when the file is missing, empty or does not open with the key.
    """
    name = path.parent.name or path.name
    if create:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    elif not path.is_file():
        raise BackupDamaged(name, f"{path.name} saknas")
    target = f"{path.resolve().as_uri()}?mode=ro" if readonly else str(path)
    conn = sqlcipher.connect(
        target, uri=readonly, isolation_level=None, check_same_thread=False, timeout=10
    )
    try:
        conn.execute(key_pragma(key))
        conn.execute("PRAGMA cipher_log_level = NONE")
        try:
            (tables,) = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as exc:
            raise BackupDamaged(name, f"{path.name} går inte att öppna") from exc
        if tables == 0 and not create:
            raise BackupDamaged(name, f"{path.name} är tom")
        conn.execute("PRAGMA temp_store = MEMORY")
        if not readonly:
            conn.execute("PRAGMA synchronous = OFF")  # fsynced once, when complete
    except BaseException:
        conn.close()
        raise
    return conn


def _chain_report(
    db: Path, key: bytes, audit_key: bytes, head: tuple[int, str]
) -> audit.ChainReport:
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: open_keyed(db, key, readonly=True),
        poolclass=NullPool,
        module=sqlcipher,
    )
    try:
        with Session(engine) as session:
            return audit.verify_chain(session, audit_key, head[0], head[1])
    finally:
        engine.dispose()


def check_copy(
    db: Path, key: bytes, manifest: Manifest, head: tuple[int, str]
) -> audit.ChainReport:
    """Both integrity checks, the manifest recounted, and the audit chain up to `head`.

    Raises BackupDamaged for a damaged or different copy, AuditLogBroken for a broken chain.
    """
    name = db.parent.name
    conn = open_keyed(db, key, readonly=True)
    try:
        problems: list[str] = []
        for pragma in ("cipher_integrity_check", "integrity_check"):
            try:
                rows = conn.execute(f"PRAGMA {pragma}").fetchall()
            except sqlcipher.DatabaseError:
                problems.append(pragma)
                continue
            problems += [str(r[0]) for r in rows if r[0] != "ok"]
        if problems:
            raise BackupDamaged(name, f"integritetskontrollen hittade {len(problems)} fel")
        try:
            found = read_manifest(
                conn, created_utc=manifest.created_utc, program_version=manifest.program_version
            )
            row = conn.execute("SELECT value FROM store_meta WHERE key = 'audit_key'").fetchone()
        except sqlcipher.DatabaseError as exc:
            raise BackupDamaged(name, "innehållet går inte att läsa") from exc
    finally:
        conn.close()
    differences = manifest.differences(found)
    if differences:
        raise BackupDamaged(name, "; ".join(differences[:3]))
    if row is None:
        raise BackupDamaged(name, "loggens nyckel saknas")
    report = _chain_report(db, key, bytes.fromhex(str(row[0])), head)
    if not report.ok:
        raise AuditLogBroken(
            f"Granskningsloggen i säkerhetskopian {name} har ändrats eller saknar poster.",
            report.problems,
        )
    return report


def file_digest(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file, read in 1 MiB blocks."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while block := handle.read(1024 * 1024):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


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


# -- verifying -------------------------------------------------------------------------------


def check_digest(folder: Path, facts: BackupFacts) -> None:
    """The database file is the one the key file was written with (size and SHA-256).

    Needs no key, so a damaged or swapped file is refused before any password is asked for.
    """
    try:
        digest, size = file_digest(folder / DB_NAME)
    except FileNotFoundError:
        raise BackupDamaged(folder.name, f"{DB_NAME} saknas") from None
    except OSError as exc:
        raise BackupDamaged(folder.name, f"{DB_NAME} kan inte läsas") from exc
    if size != facts.db_bytes or digest != facts.db_sha256:
        raise BackupDamaged(folder.name, f"{DB_NAME} är inte den fil kopian skrevs med")


def open_backup(
    path: Path,
    secret: BackupSecret,
    *,
    device: DeviceSecretStore | None = None,
    current_header: Header | None = None,
    key_file: BackupKeyFile | None = None,
) -> tuple[Path, BackupKeyFile, OpenedKey]:
    """The backup's folder, key file and key, through `secret`; the key file is checked."""
    folder = locate(path)
    if key_file is None:
        key_file = read_key_file(folder)
    device_secret = device.get(key_file.facts.store_id) if device is not None else None
    try:
        opened = open_key_file(
            key_file, secret, device_secret=device_secret, current_header=current_header
        )
    except ContentsDamaged as exc:
        raise BackupDamaged(folder.name, f"{KEYS_NAME} har ändrats") from exc
    facts, contents = key_file.facts, opened.contents
    if (
        contents.manifest.store_id != facts.store_id
        or contents.register_header.store_id != facts.store_id
        or contents.manifest.schema_revision != facts.schema_revision
        or contents.manifest.created_utc != facts.created_utc
    ):
        raise BackupDamaged(folder.name, "innehållsförteckningen stämmer inte")
    return folder, key_file, opened


def open_verified(
    path: Path,
    secret: BackupSecret,
    *,
    device: DeviceSecretStore | None = None,
    current_header: Header | None = None,
) -> tuple[VerifiedBackup, OpenedKey]:
    """Every check of a backup, in the order that asks for the secret last but one: the key
    file parses, the database file is the one it names, the secret opens the key and the key
    file's MAC, then both integrity checks, the manifest and the audit chain (read-only).
    Raises BackupDamaged, WrongPassword, DeviceBindingMissing or AuditLogBroken."""
    folder = locate(path)
    key_file = read_key_file(folder)
    check_digest(folder, key_file.facts)
    folder, key_file, opened = open_backup(
        folder, secret, device=device, current_header=current_header, key_file=key_file
    )
    manifest = opened.contents.manifest
    db = folder / DB_NAME
    report = check_copy(db, opened.backup_key, manifest, (manifest.audit_seq, manifest.audit_mac))
    verified = VerifiedBackup(folder, key_file.facts, manifest, report.count, opened.slot.kind)
    return verified, opened


def verify_backup(
    path: Path,
    secret: BackupSecret,
    *,
    device: DeviceSecretStore | None = None,
    current_header: Header | None = None,
) -> VerifiedBackup:
    """Open a backup with an administrator's password, the recovery code or the backup
    password, and check it all (read-only). Returns the manifest, never case content."""
    verified, _opened = open_verified(path, secret, device=device, current_header=current_header)
    return verified
