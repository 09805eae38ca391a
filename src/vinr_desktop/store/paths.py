"""Where a store's files live inside its data folder, and how the program makes its folders.

Every folder the program makes for a store (the register folder, its parents that did not
exist, `logs/`) is owner-only (0700), like the files in it (0600): on a shared laptop another
account must not even list them. A folder that already exists keeps the mode its owner gave it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DB_NAME = "vinr.db"
HEADER_NAME = "vinr.keys"
LOCK_NAME = "vinr.lock"
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


@dataclass(frozen=True)
class StorePaths:
    folder: Path

    @property
    def db(self) -> Path:
        return self.folder / DB_NAME

    @property
    def header(self) -> Path:
        return self.folder / HEADER_NAME

    @property
    def lock(self) -> Path:
        return self.folder / LOCK_NAME

    @property
    def logs(self) -> Path:
        return self.folder / "logs"

    def store_exists(self) -> bool:
        return self.header.exists() or self.db.exists()


APP_NAME = "VINR Desktop"


def default_store_folder() -> Path:
    """The store used when no --data-dir is given: in the platform's user data folder."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "register"


def default_demo_folder() -> Path:
    """The demo store lives beside the real one, never inside it."""
    return default_store_folder().parent / "demoregister"


def make_private_folder(folder: Path) -> None:
    """Create `folder` and any missing parents owner-only (0700); an existing one is left as is.

    The mode is set after each `mkdir` as well, so an unusual umask cannot widen or narrow it.
    """
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_FOLDER_MODE)
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs, keep its mode
        if os.name == "posix":
            os.chmod(path, PRIVATE_FOLDER_MODE)
