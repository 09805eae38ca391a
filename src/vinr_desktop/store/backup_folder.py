"""Where backups live: the fixed layout of one backup, their names, listing and thinning.

One backup is one folder, named `vinr-kopia-<UTC date>-<UTC time>Z-<first 8 of the store id>`
(ASCII, sorts by time, no colons so it works on every file system and share), holding

    vinr-kopia.db     the register's database as SQLCipher 4 under the backup's own key,
                      rollback-journal mode (no -wal/-shm, so it can be read on a network share
                      or a write-protected stick), a standard SQLCipher file
    vinr-kopia.keys   the key file (backup_keys.py): slots, public facts, sealed manifest and
                      key-file copy, HMAC

A folder under its final name is always complete and verified: it is written under a hidden
temporary name (`.vinr-kopia-….tmp-<id>`) and renamed only after the check. Leftovers of a
killed backup keep their temporary name and are removed by the next backup of the same store.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from vinr_desktop.domain.backup_rotation import Retention, backups_to_remove
from vinr_desktop.domain.errors import BackupDamaged
from vinr_desktop.store.backup_keys import BackupFacts, BackupKeyFile, NewerFormat
from vinr_desktop.store.safe_files import remove_tree

DB_NAME = "vinr-kopia.db"
KEYS_NAME = "vinr-kopia.keys"
PREFIX = "vinr-kopia-"
_NAME = re.compile(r"\Avinr-kopia-(\d{4}-\d{2}-\d{2})-(\d{6})Z-([0-9a-f]{8})(?:-(\d+))?\Z")
# A backup being written (.tmp-…), or one whose removal was interrupted (.tas-bort-…).
_TEMPORARY = re.compile(
    r"\A\.+vinr-kopia-.*?-([0-9a-f]{8})(?:-\d+)?(?:\.tmp-[0-9a-f]+|\.tas-bort-[0-9a-f]+)+\Z"
)
MAX_KEY_FILE_BYTES = 1024 * 1024


def final_path(target: Path, created: datetime, store_id: str) -> Path:
    """A free name for a new backup in `target`."""
    stamp = created.astimezone(UTC).strftime("%Y-%m-%d-%H%M%SZ")
    base = f"{PREFIX}{stamp}-{store_id[:8]}"
    path, number = target / base, 1
    while path.exists():
        number += 1
        path = target / f"{base}-{number}"
    return path


def temporary_path(final: Path, backup_id: str) -> Path:
    return final.with_name(f".{final.name}.tmp-{backup_id[:12]}")


def remove_stale_temporaries(target: Path, store_id: str) -> list[Path]:
    """Remove what killed backups (or an interrupted thinning) of this store left under
    temporary names.

    Only this store's: a shared folder may hold another register's backup in progress. Two
    programs never back up the same store at once (the instance lock), so any temporary folder
    of this store found here is a leftover.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match and match[1] == store_id[:8] and entry.is_dir(follow_symlinks=False):
            remove_tree(Path(entry.path))
            removed.append(Path(entry.path))
    return removed


def locate(path: Path) -> Path:
    """The backup folder for a path the user gave: the folder or a file inside it."""
    path = Path(path)
    if path.is_file() and path.name in (DB_NAME, KEYS_NAME):
        return path.parent
    return path


def read_key_file(folder: Path) -> BackupKeyFile:
    """Parse the key file; anything missing, malformed or too new is BackupDamaged."""
    keys_path = folder / KEYS_NAME
    try:
        if keys_path.stat().st_size > MAX_KEY_FILE_BYTES:
            raise BackupDamaged(folder.name, "nyckelfilen är för stor")
        raw = keys_path.read_bytes()
    except FileNotFoundError:
        raise BackupDamaged(folder.name, f"{KEYS_NAME} saknas") from None
    except NotADirectoryError:
        raise BackupDamaged(folder.name) from None
    except OSError as exc:
        raise BackupDamaged(folder.name, f"{KEYS_NAME} kan inte läsas") from exc
    try:
        return BackupKeyFile.from_json(raw)
    except NewerFormat:
        raise BackupDamaged(folder.name, "gjord av en nyare version av programmet") from None
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise BackupDamaged(folder.name, f"{KEYS_NAME} går inte att läsa") from exc


@dataclass(frozen=True)
class BackupInfo:
    """A backup as it can be described without a key (lists, thinning, the status bar)."""

    path: Path
    facts: BackupFacts
    usernames: tuple[str, ...]  # administrators whose password (at the time) opens it
    has_recovery_slot: bool
    has_backup_password: bool

    @property
    def created(self) -> datetime:
        return datetime.fromisoformat(self.facts.created_utc)


def read_backup_info(path: Path) -> BackupInfo:
    folder = locate(path)
    key_file = read_key_file(folder)
    return BackupInfo(
        path=folder,
        facts=key_file.facts,
        usernames=tuple(sorted(s.username for s in key_file.slots if s.kind == "user")),
        has_recovery_slot=any(s.kind == "recovery" for s in key_file.slots),
        has_backup_password=any(s.kind == "backup_password" for s in key_file.slots),
    )


def list_backups(folder: Path, store_id: str | None = None) -> list[BackupInfo]:
    """The complete backups in `folder` (of one store if given), oldest first. Folders whose
    key file cannot be read are skipped here (verify tells what is wrong with them)."""
    found = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    for entry in entries:
        if not _NAME.match(entry.name) or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            info = read_backup_info(Path(entry.path))
            _ = info.created
        except (BackupDamaged, ValueError):
            continue
        if store_id is None or info.facts.store_id == store_id:
            found.append(info)
    return sorted(found, key=lambda i: i.created)


def thin_backups(
    folder: Path, now: datetime, daily: int, weekly: int, monthly: int, *, store_id: str
) -> list[Path]:
    """Remove the backups of `store_id` in `folder` that the retention rule does not keep
    (domain/backup_rotation.py); return the removed folders. Never touches another store's."""
    backups = list_backups(folder, store_id)
    doomed = backups_to_remove([b.created for b in backups], now, Retention(daily, weekly, monthly))
    removed = []
    for index in doomed:
        remove_tree(backups[index].path)
        removed.append(backups[index].path)
    return removed
