"""A fresh register per test: a copy of the session's unit template (tests/stores.py), with
Ada's services on it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fakes import FakeWallClock
from tests.stores import Template, context
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.context import AppContext


@dataclass
class Env:
    ctx: AppContext
    auth: AuthService
    admin: AdminService
    clock: FakeWallClock
    folder: Path
    recovery_code: str

    @classmethod
    def on_copy(cls, template: Template, folder: Path) -> Env:
        """Ada's services on a copy of `template` in `folder`, with a clock of its own."""
        clock = FakeWallClock()
        ctx = context(template.copy_to(folder), clock)
        return cls(ctx, AuthService(ctx), AdminService(ctx), clock, folder, template.recovery_code)

    def new_context(self) -> AppContext:
        """A second program instance on the same folder (same clock)."""
        return context(self.folder, self.clock)


@pytest.fixture
def env(tmp_path: Path, unit_template: Template) -> Iterator[Env]:
    environment = Env.on_copy(unit_template, tmp_path / "register")
    yield environment
    environment.ctx.release()
