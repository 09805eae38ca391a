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
