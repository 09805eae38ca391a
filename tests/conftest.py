"""Settings shared by the whole suite: offscreen Qt, no real OS keyring, no real user folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The offscreen screen is the laptop the program is made for, 1366x768 (Qt's own is 800x800):
# dialogs that size themselves to the screen are tested at the size a user gets.
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    _SCREEN = Path(__file__).parent / "fixtures" / "qt" / "laptop-screen.json"
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
# The OS credential store is not ours to fill from tests; tests that need device binding bring
# their own DeviceSecretStore.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
os.environ.setdefault("VINR_KDF_FLOOR", "1")
# IT's policy.json is read from a folder that does not exist, never the machine's own
# (/etc/xdg/VINR Desktop): tests that need a policy write one and point here themselves.
os.environ["VINR_POLICY_DIR"] = os.path.join(os.path.dirname(__file__), "fixtures", "no-policy")

import pytest

from tests.leakscan import private_tmp  # noqa: F401 - a fixture for the leak tests
from tests.stores import Template, demo_register, unit_register
from vinr_desktop.services.demo.register import DEMO_CASES
from vinr_desktop.store import keys

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


# -- Argon2id, once per input -----------------------------------------------------------------

_real_derive = keys.derive_wrapping_key
_derived: dict[tuple[str, bytes, keys.KdfParams, bytes | None], bytes] = {}


def _derive_once(
    password: str, salt: bytes, params: keys.KdfParams, device_secret: bytes | None = None
) -> bytes:
    """The real Argon2id, remembered per (password, salt, parameters, device secret).

    The derivation is a pure function, so a remembered result is the result. Most tests copy
    one template store and log in with its password and salt: without this every one of them
    pays the same 0.25-0.5 s again, about a third of the suite's time on two cores. Any new
    input (a new store, a wrong password, new parameters, a device secret) still runs the real
    derivation, so every path the program takes is exercised.
    """
    key = (password, salt, params, device_secret)
    if key not in _derived:
        _derived[key] = _real_derive(password, salt, params, device_secret)
    return _derived[key]


@pytest.fixture(autouse=True)
def _remembered_key_derivation(request: pytest.FixtureRequest) -> Iterator[None]:
    """Remember derivations, except in tests marked `full_kdf` (the promise that every unlock
    runs the whole derivation is tested there, on the real function)."""
    if request.node.get_closest_marker("full_kdf"):
        yield
        return
    keys.derive_wrapping_key = _derive_once
    try:
        yield
    finally:
        keys.derive_wrapping_key = _real_derive


# -- registers to copy ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def unit_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """The register the services' and the UI's tests copy (tests/stores.py), made once."""
    return unit_register(tmp_path_factory.mktemp("unit-template") / "register")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """The demo register as `vinr-admin demo` makes it (tests/stores.py), made once."""
    return demo_register(
        tmp_path_factory.mktemp("demo-template") / "demoregister", cases=DEMO_CASES
    )
