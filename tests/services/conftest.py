"""A fresh store per test, created through the services with a fictional unit and admin."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fakes import FakeWallClock
from vinr_desktop.services import setup
from vinr_desktop.services.admin import AdminService
from vinr_desktop.services.auth import AuthService
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


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    clock = FakeWallClock()
    folder = tmp_path / "register"
    ctx = AppContext(folder, device=NoDeviceStore(), now=clock, kdf=keys.KdfParams.floor())
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
    environment = Env(ctx, AuthService(ctx), AdminService(ctx), clock, folder, code)
    yield environment
    ctx.release()
