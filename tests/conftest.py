"""Settings shared by the whole suite: offscreen Qt, no real OS keyring, no real user folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The OS credential store is not ours to fill from tests; tests that need device binding bring
# their own DeviceSecretStore.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
os.environ.setdefault("VINR_KDF_FLOOR", "1")

from tests.leakscan import private_tmp  # noqa: F401 - a fixture for the leak tests
