"""Where a store's files live inside its data folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DB_NAME = "vinr.db"
HEADER_NAME = "vinr.keys"
LOCK_NAME = "vinr.lock"


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
