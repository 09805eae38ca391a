"""What the program loads while the login window waits for a password.

A cold start shows the login window first and loads nothing else (startup_ratio). The first
login would then pay for importing the store (SQLAlchemy, Alembic, cryptography), mapping
every table and importing the services the workspace calls: about 0.2 s on a 2-core laptop.
The login window asks the database thread to do it while the user types (none of it imports
Qt, so it is safe there); the key derivation that follows is the same either way.

Every other module imports what it uses at its top; this one loads the rest of the program by
name, so that importing it (before the first window) costs nothing.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vinr_desktop.services.context import AppContext

log = logging.getLogger(__name__)

WARM_UP_MODULES = (
    "vinr_desktop.store.vault",
    "vinr_desktop.store.tables",
    "vinr_desktop.services.accounts.admin",
    "vinr_desktop.services.casework",
)


def load_store_and_services(ctx: AppContext | None = None) -> None:
    """Import the store and the services and configure the table mappers, once; with `ctx`,
    read IT's policy file too, logging what is wrong in it (the defaults are used)."""
    if ctx is not None:
        for problem in ctx.it_policy.problems:
            log.warning("IT policy: %s", problem)
    for name in WARM_UP_MODULES:
        importlib.import_module(name)
    tables = importlib.import_module("vinr_desktop.store.tables")
    tables.configure_all()
