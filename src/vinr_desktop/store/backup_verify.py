"""Opening and checking a backup, read-only: the key file, the database file's digest, the
secret, both integrity checks, the manifest recounted and the audit chain.

Writing is in backup.py (which also offers these under its own name, as the one module the
services use); layout in backup_folder.py, keys in backup_keys.py.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from vinr_desktop.domain.errors import AuditLogBroken, BackupDamaged
from vinr_desktop.store import audit
from vinr_desktop.store.backup_folder import DB_NAME, KEYS_NAME, locate, read_key_file
from vinr_desktop.store.backup_keys import (
    BackupFacts,
    BackupKeyFile,
    BackupSecret,
    ContentsDamaged,
    OpenedKey,
    open_key_file,
)
from vinr_desktop.store.device import DeviceSecretStore
from vinr_desktop.store.engine import key_pragma
from vinr_desktop.store.manifest import Manifest, read_manifest


@dataclass(frozen=True)
class VerifiedBackup:
    """A backup that passed every check; nothing of case content, only the manifest."""

    path: Path
    facts: BackupFacts
    manifest: Manifest
    audit_events: int
    opened_by: str  # "user", "recovery" or "backup_password"


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


def _pragma_problems(db: Path, key: bytes, pragma: str) -> list[str]:
    """One integrity pragma on its own read-only connection; the rows that are not "ok"."""
    conn = open_keyed(db, key, readonly=True)
    try:
        try:
            rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        except sqlcipher.DatabaseError:  # a page that fails its HMAC aborts with "malformed"
            return [pragma]
        return [str(r[0]) for r in rows if r[0] != "ok"]
    finally:
        conn.close()


def check_copy(
    db: Path, key: bytes, manifest: Manifest, head: tuple[int, str]
) -> audit.ChainReport:
    """Both integrity checks, the manifest recounted, and the audit chain up to `head`.

    The two integrity checks run at once on two connections (SQLite leaves Python's lock
    while it works): `integrity_check` is the longest step of a backup, and a laptop has two
    cores. Raises BackupDamaged for a damaged or different copy, AuditLogBroken for a broken
    chain.
    """
    name = db.parent.name
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="vinr-integrity") as pool:
        slow = pool.submit(_pragma_problems, db, key, "integrity_check")
        try:
            problems = _pragma_problems(db, key, "cipher_integrity_check")
        finally:
            problems += slow.result()
    if problems:
        raise BackupDamaged(name, f"integritetskontrollen hittade {len(problems)} fel")
    conn = open_keyed(db, key, readonly=True)
    try:
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
    key_file: BackupKeyFile | None = None,
) -> tuple[Path, BackupKeyFile, OpenedKey]:
    """The backup's folder, key file and key, through `secret`; the key file is checked."""
    folder = locate(path)
    if key_file is None:
        key_file = read_key_file(folder)
    device_secret = device.get(key_file.facts.store_id) if device is not None else None
    try:
        opened = open_key_file(key_file, secret, device_secret=device_secret)
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
) -> tuple[VerifiedBackup, OpenedKey]:
    """Every check of a backup, in the order that asks for the secret last but one: the key
    file parses, the database file is the one it names, the secret opens the key and the key
    file's MAC, then both integrity checks, the manifest and the audit chain (read-only).
    Raises BackupDamaged, WrongPassword, DeviceBindingMissing or AuditLogBroken."""
    folder = locate(path)
    key_file = read_key_file(folder)
    check_digest(folder, key_file.facts)
    folder, key_file, opened = open_backup(folder, secret, device=device, key_file=key_file)
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
) -> VerifiedBackup:
    """Open a backup with an administrator's password, the recovery code or the backup
    password, and check it all (read-only). Returns the manifest, never case content."""
    verified, _opened = open_verified(path, secret, device=device)
    return verified
