from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from vinr_desktop.domain import login_policy


def test_five_attempts_are_free_then_delays_grow_to_a_cap() -> None:
    assert [login_policy.delay_after(n) for n in range(5)] == [0] * 5
    delays = [login_policy.delay_after(n) for n in range(5, 20)]
    assert delays[0] > 0
    assert all(b >= a for a, b in itertools.pairwise(delays))
    assert delays[-1] == login_policy.MAX_DELAY_SECONDS


def test_seconds_to_wait_counts_down_from_the_last_failure() -> None:
    last = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    wait = login_policy.delay_after(6)
    assert login_policy.seconds_to_wait(6, last, last) == wait
    assert login_policy.seconds_to_wait(6, last, last + timedelta(seconds=wait - 1)) == 1
    assert login_policy.seconds_to_wait(6, last, last + timedelta(seconds=wait)) == 0
    assert login_policy.seconds_to_wait(3, last, last) == 0
    assert login_policy.seconds_to_wait(9, None, last) == 0
