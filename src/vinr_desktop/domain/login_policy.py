"""Growing delays after repeated failed logins. Nothing is ever wiped automatically."""

from __future__ import annotations

import math
from datetime import datetime

FREE_ATTEMPTS = 5
FIRST_DELAY_SECONDS = 5
MAX_DELAY_SECONDS = 15 * 60


def delay_after(failures: int) -> int:
    """Seconds to wait after `failures` consecutive failures before the next attempt."""
    if failures < FREE_ATTEMPTS:
        return 0
    return int(min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS))


def seconds_to_wait(failures: int, last_failure: datetime | None, now: datetime) -> int:
    """Seconds left before another attempt is allowed (0 when it is allowed now)."""
    if last_failure is None:
        return 0
    remaining = delay_after(failures) - (now - last_failure).total_seconds()
    return max(0, math.ceil(remaining))
