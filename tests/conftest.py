"""Settings shared by the whole suite: offscreen Qt, no real OS keyring, no real user folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The OS credential store is not ours to fill from tests; tests that need device binding bring
# their own DeviceSecretStore.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
os.environ.setdefault("VINR_KDF_FLOOR", "1")

import pytest

from tests.leakscan import private_tmp  # noqa: F401 - a fixture for the leak tests

# The longest robustness tests, longest first (seconds on a slow 2-core machine).
_LONGEST = (
    "test_thousand_lock_unlock_cycles",  # ~300
    "test_twenty_threads_thousand_operations_each",  # ~150
    "test_every_killed_run_leaves_a_whole_store",  # ~55
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the long tests at once on both workers.

    scripts/test runs two pytest-xdist workers with `worksteal`, which first hands each worker
    a contiguous half of this list. The longest test goes to the head of the first half and
    the other long ones to the head of the second, so neither worker ends with them; the short
    tests are balanced by stealing. Without workers the order changes nothing.
    """
    long_ones = [i for name in _LONGEST for i in items if i.name == name]
    if len(long_ones) < 2:
        return
    rest = [i for i in items if i not in long_ones]
    first = len(items) // 2 - 1
    items[:] = [long_ones[0], *rest[:first], *long_ones[1:], *rest[first:]]
