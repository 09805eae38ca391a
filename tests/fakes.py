"""Stand-ins for what is not ours: the OS credential store and the wall clock."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta


class MemoryDeviceStore:
    """Stands in for the OS credential store (not ours to fill from tests): a dict."""

    backend_name = "tests.MemoryDeviceStore"

    def __init__(self) -> None:
        self.secrets: dict[str, bytes] = {}

    def available(self) -> bool:
        return True

    def get(self, store_id: str) -> bytes | None:
        return self.secrets.get(store_id)

    def create(self, store_id: str) -> bytes:
        self.secrets[store_id] = os.urandom(32)
        return self.secrets[store_id]

    def delete(self, store_id: str) -> None:
        self.secrets.pop(store_id, None)


class FakeWallClock:
    """UTC wall-clock time that a test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
