"""Registers for tests: made once per test session through the program's own services, then
copied into each test's folder. A copy is a whole, closed register, and each test gets its own
files without paying the key derivations of making one again.

- `unit_register`: a fictional unit with one user, Ada, administrator and handläggare (the
  services' and the UI's tests start from it: the `unit_template` fixture in tests/conftest.py);
- `demo_register`: the demo register with its fictional users and generated cases, as
  `vinr-admin demo` makes it; with `known_code`, its recovery code is replaced by one the test
  knows (the backup tests).

Every name, unit and password here is fictional.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tests.fakes import FakeWallClock
from vinr_desktop.services.accounts import setup
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.demo.register import DEMO_PASSWORD, DEMO_USERS, create_demo_store
from vinr_desktop.store import keys, vault
from vinr_desktop.store.device import NoDeviceStore
from vinr_desktop.store.paths import StorePaths

ADMIN = "ada"
ADMIN_NAME = "Ada Administratör-Fiktiv"
ADMIN_PASSWORD = "gul båt på sjön 77"
MUNICIPALITY = "Exempelby kommun (fiktiv)"
UNIT = "VINR-enheten (fiktiv)"


@dataclass(frozen=True)
class Template:
    """A closed register to copy, and what a test needs to know about it."""

    folder: Path
    recovery_code: str
    admin_id: str = ""  # the administrator's key slot, where the maker unlocked it

    def copy_to(self, folder: Path) -> Path:
        shutil.copytree(self.folder, folder)
        return folder


def context(folder: Path, now: Callable[[], datetime] | None = None) -> AppContext:
    """A program instance on `folder` for tests: no OS keyring, the KDF floor, and a wall
    clock of its own (`FakeWallClock`) unless `now` is given."""
    clock = now if now is not None else FakeWallClock()
    return AppContext(folder, device=NoDeviceStore(), now=clock, kdf=keys.KdfParams.floor())


def unit_register(folder: Path) -> Template:
    """A new register in `folder`: the fictional unit and Ada, made as the setup guide does."""
    ctx = context(folder)
    try:
        code = setup.create_store(
            ctx,
            municipality=MUNICIPALITY,
            unit=UNIT,
            username=ADMIN,
            full_name=ADMIN_NAME,
            password=ADMIN_PASSWORD,
            roles=("caseworker", "admin"),
            bind_device=False,
        )
    finally:
        ctx.release()
    return Template(folder, code)


def demo_register(folder: Path, *, cases: int, known_code: bool = False) -> Template:
    """The demo register in `folder` with `cases` generated cases. Its recovery code is shown
    to nobody; with `known_code` it is replaced (as its administrator) by one returned here."""
    ctx = context(folder)
    try:
        create_demo_store(ctx, cases=cases)
    finally:
        ctx.release()
    if not known_code:
        return Template(folder, "")
    admin = DEMO_USERS[0][0]
    opened = vault.unlock(StorePaths(folder), admin, DEMO_PASSWORD, device=None)
    try:
        code = opened.store.replace_recovery_slot(keys.KdfParams.floor())
    finally:
        opened.store.close()
    return Template(folder, code, opened.slot.slot_id)
