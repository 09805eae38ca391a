"""The warm-up runs on the database thread while the login window waits: it must load the
store and the services and never Qt (Qt objects belong to the UI thread)."""

from __future__ import annotations

import subprocess
import sys

_CHILD = """
import sys
from vinr_desktop.services.warm_up import WARM_UP_MODULES, load_store_and_services
load_store_and_services()
from sqlalchemy.orm import class_mapper
from vinr_desktop.store.case_schema import JournalEntryRow
class_mapper(JournalEntryRow)  # mapped and configured
missing = [name for name in WARM_UP_MODULES if name not in sys.modules]
qt = sorted(name for name in sys.modules if name.split(".")[0] in {"PySide6", "shiboken6"})
print(missing, qt, "sqlalchemy.orm" in sys.modules)
"""


def test_warm_up_loads_the_store_and_services_without_qt() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split("\n")[0] == "[] [] True"
