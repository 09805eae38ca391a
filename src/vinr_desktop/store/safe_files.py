"""File-system steps that must survive a kill or a full disk: fsync, durable renames, removing
a folder without leaving half of it under its real name, and telling "disk full" apart.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from pathlib import Path

from vinr_desktop.store.header import fsync_dir

__all__ = [
    "free_bytes",
    "fsync_dir",
    "fsync_file",
    "is_disk_full",
    "looks_full",
    "remove_tree",
    "rename_durably",
    "sqlite_says_full",
]

_FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)
LOW_DISK_BYTES = 1024 * 1024
# Windows: a virus scanner or the indexer may hold a new file for a moment.
_RENAME_TRIES = 5
_RENAME_PAUSE_S = 0.2


def fsync_file(path: Path) -> None:
    """Flush a written file's data and size to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def rename_durably(source: Path, target: Path) -> None:
    """Rename (atomic on one file system) and flush the folder(s) that changed.

    Never replaces an existing `target`: a folder of that name makes it fail.
    """
    if target.exists():
        raise FileExistsError(str(target))
    for attempt in range(_RENAME_TRIES):
        try:
            os.rename(source, target)
            break
        except PermissionError:
            if os.name != "nt" or attempt == _RENAME_TRIES - 1:
                raise
            time.sleep(_RENAME_PAUSE_S)
    fsync_dir(target.parent)
    if source.parent != target.parent:
        fsync_dir(source.parent)


def remove_tree(path: Path) -> None:
    """Remove a folder so that no half of it stays under its name: rename it to a hidden name
    first, then delete it (a kill during the delete leaves only the hidden leftover)."""
    if not path.exists():
        return
    doomed = path.with_name(f".{path.name}.tas-bort-{os.urandom(4).hex()}")
    try:
        os.rename(path, doomed)
    except OSError:
        doomed = path
    shutil.rmtree(doomed, ignore_errors=True)
    with contextlib.suppress(OSError):
        fsync_dir(path.parent)


def is_disk_full(exc: BaseException) -> bool:
    """An OSError for a full disk or quota, or SQLite's "database or disk is full"."""
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
        return True
    return sqlite_says_full(exc)


def looks_full(exc: BaseException, folder: Path) -> bool:
    """A full disk, also when SQLite only says "disk I/O error" (it does when not even its
    journal can be written): then the free space in `folder` decides, as in engine.known_error.
    Call it before cleaning up, which frees space."""
    if is_disk_full(exc):
        return True
    if type(exc).__module__.startswith("sqlcipher3") and "i/o" in str(exc).lower():
        free = free_bytes(folder)
        return free is not None and free < LOW_DISK_BYTES
    return False


def sqlite_says_full(exc: BaseException) -> bool:
    return "full" in str(exc).lower() and type(exc).__module__.startswith("sqlcipher3")


def free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None
