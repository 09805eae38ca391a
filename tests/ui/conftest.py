"""UI fixtures: a real register in a temporary folder (a copy of the session's unit template,
tests/stores.py), fast KDF, no keyring, hand-moved clocks; the main window, logged in or not;
and `open_dialog` to find the dialog a click opened."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.fakes import FakeWallClock
from tests.stores import ADMIN, ADMIN_PASSWORD, Template, context
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.services.accounts.auth import AuthService
from vinr_desktop.services.context import AppContext
from vinr_desktop.ui.common.operations import _CollectorPause
from vinr_desktop.ui.common.style import apply_style
from vinr_desktop.ui.common.translations import install_swedish
from vinr_desktop.ui.shell.main_window import MainWindow, Screen

WAIT_MS = 15_000
W = TypeVar("W", bound=QWidget)


class FakeMonotonic:
    """The idle lock's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class UiEnv:
    tmp_path: Path
    folder: Path
    demo_folder: Path
    wall: FakeWallClock = field(default_factory=FakeWallClock)
    idle_clock: FakeMonotonic = field(default_factory=FakeMonotonic)
    recovery_code: str = ""
    contexts: list[AppContext] = field(default_factory=list)
    template: Template | None = None  # the register `create_store` copies

    def context(self, folder: Path | None = None) -> AppContext:
        ctx = context(folder or self.folder, self.wall)
        self.contexts.append(ctx)
        return ctx

    def create_store(self) -> None:
        """The register of a unit with one admin who also works cases (as in a small
        municipality): a copy of the session's unit template."""
        assert self.template is not None
        self.template.copy_to(self.folder)
        self.recovery_code = self.template.recovery_code

    def add_user(self, username: str, full_name: str, roles: set[str], password: str = "") -> str:
        """Add a user through the services; with `password`, it is already chosen by them."""
        ctx = self.context()
        auth, admin = AuthService(ctx), AdminService(ctx)
        auth.login(ADMIN, ADMIN_PASSWORD)
        one_time = admin.add_user(username, full_name, roles)
        auth.logout()
        if password:
            auth.login(username, one_time)
            auth.change_own_password(one_time, password, password)
            auth.logout()
        ctx.release()
        return one_time


# The offscreen platform cannot pass size hints of dialogs on; a real desktop never says this.
OFFSCREEN_NOISE = r"^This plugin does not support propagateSizeHints\(\)$"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(scope="session", autouse=True)
def _style(qapp: QApplication) -> None:
    """The look and the language of the program, as `ui.app.main` sets them up."""
    install_swedish(qapp)
    apply_style(qapp)


@pytest.fixture
def env(tmp_path: Path, unit_template: Template) -> Iterator[UiEnv]:
    environment = UiEnv(
        tmp_path, tmp_path / "register", tmp_path / "demoregister", template=unit_template
    )
    yield environment
    for ctx in environment.contexts:
        ctx.release()


@pytest.fixture
def make_window(qtbot: QtBot, env: UiEnv) -> Iterator[Callable[[], MainWindow]]:
    # Held until teardown, where pytest-qt closes them: a window freed with its test's frame
    # would be destroyed without its shutdown, leaving its last background work unfinished
    # (and the collector paused) for the next test.
    made: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(
            env.context(),
            demo_folder=env.demo_folder,
            context_factory=env.context,
            clock=env.idle_clock,
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    made.clear()


@pytest.fixture
def logged_in_window(
    qtbot: QtBot, env: UiEnv, make_window: Callable[[], MainWindow]
) -> Callable[..., MainWindow]:
    """`logged_in_window(user, password)`: the main window on the test's register (the unit
    template's copy, unless the test made it already), logged in as `user` (Ada by default),
    the workspace shown and idle."""

    def open_as(user: str = ADMIN, password: str = ADMIN_PASSWORD) -> MainWindow:
        if not env.folder.exists():
            env.create_store()
        window = make_window()
        login_ok(qtbot, window, user, password)
        return window

    return open_as


def open_dialog(qtbot: QtBot, kind: type[W], within: QWidget | None = None) -> W:
    """The dialog (or window) of `kind` that is open now — a child of `within`, or any
    top-level one — once it shows; the newest when there are several."""
    found: list[W] = []

    def shown() -> bool:
        widgets = (
            within.findChildren(kind) if within is not None else QApplication.topLevelWidgets()
        )
        found[:] = [w for w in widgets if isinstance(w, kind) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(shown, timeout=WAIT_MS)
    return found[-1]


def login(qtbot: QtBot, window: MainWindow, username: str, password: str) -> None:
    """Fill in the login screen and wait for the result (either way)."""
    page = window.current
    assert window.screen_kind is Screen.LOGIN
    page.username.setText(username)  # type: ignore[union-attr]
    page.password.setText(password)  # type: ignore[union-attr]
    page.login_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)


def login_ok(qtbot: QtBot, window: MainWindow, username: str, password: str) -> None:
    login(qtbot, window, username, password)
    qtbot.waitUntil(lambda: window.screen_kind is Screen.WORKSPACE, timeout=WAIT_MS)
    wait_idle(qtbot, window)


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread() -> Iterator[None]:
    """Free each test's Qt objects here, on the GUI thread, once its widgets are closed.

    Left to the automatic collector, a window's reference cycles could be collected in some
    later test's worker thread, and Qt objects destroyed from the wrong thread crash the process
    (operations.py pauses the collector while the program's own background work runs).
    A test that ends while an operation is in flight never gets its result delivered, which
    would leave the collector paused for every later test on the worker: it resumes here.
    """
    yield
    gc.collect()
    if _CollectorPause.in_flight:
        _CollectorPause.in_flight = 0
        gc.enable()
