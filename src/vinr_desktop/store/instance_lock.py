"""One running program per store: an OS file lock on vinr.lock, held while the store is in use.

The lock file holds nothing and stays in place; the OS releases the lock when the process dies,
so a killed program never leaves the store locked. Like every file of a store it is owner-only
(0600), in an owner-only folder when the program makes it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO

from vinr_desktop.domain.errors import StoreInUse
from vinr_desktop.store.paths import PRIVATE_FILE_MODE, make_private_folder


class InstanceLock:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._file: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self) -> None:
        """Take the lock or raise StoreInUse; the holder is unaffected."""
        if self._file is not None:
            return
        make_private_folder(self._path.parent)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        fd = os.open(self._path, flags, PRIVATE_FILE_MODE)
        handle = os.fdopen(fd, "r+b")  # held open for the lock's lifetime
        _owner_only(fd)
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise StoreInUse() from None
        self._file = handle

    def release(self) -> None:
        if self._file is None:
            return
        try:
            _unlock(self._file)
        finally:
            self._file.close()
            self._file = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _owner_only(fd: int) -> None:
    """Narrow a lock file an older version made with the umask's mode (often 0644)."""
    if hasattr(os, "fchmod"):
        # Another account's file is not ours to change; the lock decides the rest.
        with contextlib.suppress(OSError):
            os.fchmod(fd, PRIVATE_FILE_MODE)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
