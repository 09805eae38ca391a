"""What can be told about a store without its password (`vinr-admin status`)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from vinr_desktop.store.header import FORMAT_VERSION, read_db_salt
from vinr_desktop.store.paths import StorePaths
from vinr_desktop.store.vault import read_header


@dataclass(frozen=True)
class OfflineStatus:
    format_version: int
    supported_format: int
    usernames: tuple[str, ...]
    device_binding: bool
    binding_backend: str
    has_recovery_slot: bool
    key_epoch: int
    database_present: bool
    header_matches_database: bool
    database_bytes: int
    pending_rekey: bool


def offline_status(paths: StorePaths) -> OfflineStatus:
    """Read the header (raises HeaderMissing/HeaderDamaged) and compare it with the database."""
    header = read_header(paths)
    present = paths.db.exists()
    salt = read_db_salt(paths.db) if present else ""
    return OfflineStatus(
        format_version=header.format_version,
        supported_format=FORMAT_VERSION,
        usernames=tuple(sorted(s.username for s in header.user_slots())),
        device_binding=bool(header.device_binding)
        and all(s.device_bound for s in header.user_slots()),
        binding_backend=header.device_binding,
        has_recovery_slot=header.recovery_slot() is not None,
        key_epoch=header.key_epoch,
        database_present=present,
        header_matches_database=present and bool(salt) and salt == header.db_salt,
        database_bytes=os.path.getsize(paths.db) if present else 0,
        pending_rekey=any(s.pending is not None for s in header.slots),
    )
