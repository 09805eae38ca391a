"""A fresh store per test: created once per test session through the services (a fictional
unit and admin), then copied into each test's own folder — a copy is a whole, closed store, and
each test gets its own files without paying two key derivations to create them again."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fakes import FakeWallClock
from vinr_desktop.services.accounts import setup
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.context import AppContext
from vinr_desktop.store import keys
from vinr_desktop.store.device import NoDeviceStore

ADMIN_PASSWORD = "gul båt på sjön 77"


@dataclass
class Env:
    ctx: AppContext
    auth: AuthService
    admin: AdminService
    clock: FakeWallClock
    folder: Path
    recovery_code: str

    def new_context(self) -> AppContext:
        """A second program instance on the same folder (same clock)."""
        return AppContext(
            self.folder, device=NoDeviceStore(), now=self.clock, kdf=keys.KdfParams.floor()
        )


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The store every `env` starts from, and its recovery code."""
    folder = tmp_path_factory.mktemp("template") / "register"
    ctx = AppContext(
        folder, device=NoDeviceStore(), now=FakeWallClock(), kdf=keys.KdfParams.floor()
    )
    code = setup.create_store(
        ctx,
        municipality="Exempelby kommun (fiktiv)",
        unit="VINR-enheten (fiktiv)",
        username="ada",
        full_name="Ada Administratör-Fiktiv",
        password=ADMIN_PASSWORD,
        roles=("caseworker", "admin"),
        bind_device=False,
    )
    ctx.release()
    return folder, code


@pytest.fixture
def env(tmp_path: Path, template_store: tuple[Path, str]) -> Iterator[Env]:
    clock = FakeWallClock()
    folder = tmp_path / "register"
    shutil.copytree(template_store[0], folder)
    ctx = AppContext(folder, device=NoDeviceStore(), now=clock, kdf=keys.KdfParams.floor())
    environment = Env(ctx, AuthService(ctx), AdminService(ctx), clock, folder, template_store[1])
    yield environment
    ctx.release()
