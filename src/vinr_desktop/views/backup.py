"""What the backup services return for display: status, settings, the backups in the folder,
a verified backup's manifest and a restore's outcome. Dates, ids, counts — never case content."""

from __future__ import annotations

from dataclasses import dataclass

from vinr_desktop.domain.backup_schedule import BackupAge


@dataclass(frozen=True)
class BackupStatus:
    """The status bar's facts, for every logged-in user."""

    last_verified_utc: str | None
    age: BackupAge
    failed_utc: str | None  # the latest attempt failed (after the last verified backup)
    failure: str  # why, in Swedish ("" when the latest attempt did not fail)
    automatic_ready: bool = False  # automatic backup on and a folder chosen


@dataclass(frozen=True)
class BackupSettingsView:
    folder: str  # "" when none is chosen
    folder_fixed: bool  # fixed by IT's policy.json
    automatic: bool
    keep_daily: int
    keep_weekly: int
    keep_monthly: int


@dataclass(frozen=True)
class BackupRow:
    """One backup in the folder, as its key file tells without a key."""

    path: str
    name: str
    created_utc: str
    schema_revision: str
    program_version: str
    size_bytes: int
    openers: str  # who can open it, in Swedish


@dataclass(frozen=True)
class BackupListing:
    folder: str
    rows: tuple[BackupRow, ...]  # newest first
    folder_missing: bool


@dataclass(frozen=True)
class ManifestView:
    """A backup's manifest: when, which schema, how many rows per table, the log's head."""

    path: str
    created_utc: str
    schema_revision: str
    program_version: str
    audit_seq: int
    counts: tuple[tuple[str, int], ...]  # tables people read, with their rows


@dataclass(frozen=True)
class BackupWritten:
    manifest: ManifestView
    removed: int  # old backups thinned away
    recorded: bool  # the register took the event and the date (False: its disk was full)


@dataclass(frozen=True)
class RestoreDone:
    backup_created_utc: str
    aside_name: str  # the former register's folder, "… före återställning <date>"
    usernames: tuple[str, ...]
    migrated: bool
