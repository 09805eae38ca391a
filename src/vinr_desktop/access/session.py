"""The logged-in user and the idle lock timer."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from vinr_desktop.access.policy import ROLE_LABELS, Role


@dataclass(frozen=True)
class CurrentUser:
    user_id: str
    username: str
    full_name: str
    roles: frozenset[Role]

    @property
    def role_labels(self) -> str:
        return ", ".join(ROLE_LABELS[r] for r in Role if r in self.roles)


class IdleLock:
    """Tells when the program has been idle long enough to lock. The clock is injectable."""

    def __init__(self, timeout_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._timeout = timeout_seconds
        self._last_activity = clock()

    @property
    def timeout_seconds(self) -> float:
        return self._timeout

    def set_timeout(self, seconds: float) -> None:
        self._timeout = seconds

    def touch(self) -> None:
        self._last_activity = self._clock()

    def idle_seconds(self) -> float:
        return self._clock() - self._last_activity

    def expired(self) -> bool:
        return self.idle_seconds() >= self._timeout
