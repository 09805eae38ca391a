"""The one main window and the way between its screens.

start page → setup wizard → login → (forced password change) → workspace ⇄ lock screen

Each screen is built when it is shown and destroyed when it is left, so a locked window holds
no content from the session — only where the user was (`Place`: ids of the page, case, tab and
draft), to take her back there after unlocking. The window owns the AppContext(s), the database
thread (`OperationRunner`), the idle lock, Ctrl+L in every window (`LockRequests`), the dialog
fitting and the clipboard guard, and shuts them down in order.

A cold start loads the first screen (start page or login) and nothing more: this module imports
at its top only what those need, and imports everything past them — the services (SQLAlchemy,
Alembic, the store's cryptography), the setup wizard, the recovery dialog, the workspace with
every page — where the window first moves on to them. It is the one module of the program that
imports inside its functions. The warm-up (`warm_up`) has usually loaded all of it by then, on
the database thread while the login window waits.
"""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Callable
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from vinr_desktop.domain.errors import StoreInUse
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.warm_up import load_store_and_services
from vinr_desktop.ui.common.clipboard import ClipboardGuard
from vinr_desktop.ui.common.dialog_fit import DialogFit
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.shell.idle import IdleWatcher
from vinr_desktop.ui.shell.login_page import LoginPage
from vinr_desktop.ui.shell.start_page import StartPage

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from vinr_desktop.access.session import CurrentUser
    from vinr_desktop.services.accounts.auth import AuthService, LoginResult
    from vinr_desktop.ui.common.lock_request import LockRequests
    from vinr_desktop.ui.common.resume import Place
    from vinr_desktop.ui.home_visits.screen_guard import GuardKey
    from vinr_desktop.ui.shell.workspace import Workspace

APP_TITLE = "VINR Desktop"
DEFAULT_IDLE_MINUTES = 5


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class Screen(Enum):
    START = "start"
    SETUP = "setup"
    LOGIN = "login"
    WORKSPACE = "workspace"
    LOCKED = "locked"


def accounts(ctx: AppContext) -> AuthService:
    """The account service of `ctx`'s register: login, lock, unlock, password, recovery.

    Its first call loads the services; AuthService keeps no state of its own, so one is made
    where it is needed.
    """
    from vinr_desktop.services.accounts.auth import AuthService

    return AuthService(ctx)


def log_in(ctx: AppContext, username: str, password: str) -> LoginResult:
    """Log in, and back into a home visit that was going on (hembesöksläge survives a
    restart: a visit is never left by closing the program)."""
    from vinr_desktop.services.home_visits.visits import HomeVisitService

    result = accounts(ctx).login(username, password)
    HomeVisitService(ctx).resume()
    return result


def _create_demo_store(ctx: AppContext) -> None:
    from vinr_desktop.services.demo.register import create_demo_store

    create_demo_store(ctx)


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        *,
        demo_folder: Path | None = None,
        context_factory: Callable[[Path], AppContext] | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._home = ctx
        self._contexts = [ctx]
        self._demo_folder = demo_folder
        self._context_factory = context_factory or AppContext
        self.ctx = ctx
        self._is_demo = ctx.is_demo
        self.runner = OperationRunner(self)
        self.idle = IdleWatcher(DEFAULT_IDLE_MINUTES, clock, self)
        self.idle.expired.connect(self.lock)
        self.clipboard_guard = ClipboardGuard(self)
        self.screen_kind = Screen.START
        self.current: QWidget | None = None
        self.user: CurrentUser | None = None
        self.session_open = False
        self._shut_down = False
        self.workspace: Workspace | None = None
        # Where the user was when she locked (ids only), for the way back after unlocking.
        self.place: Place | None = None

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.resize(1180, 720)
        self.setMinimumSize(900, 600)
        # Ctrl+L in every window, modal dialogs included, and the Lås buttons of dialogs;
        # dialogs as tall as their text: `_install_filters`.
        self.lock_requests: LockRequests | None = None
        self.guard_key: GuardKey | None = None  # F12 in every window: Skärmskydd
        self._login: LoginResult | None = None  # to build the workspace anew for a home visit
        self.dialog_fit = DialogFit(self)
        if ctx.store_exists():
            self.show_login()
        else:
            self.show_start()

    def _application_state_changed(self, state: QtCore.Qt.ApplicationState) -> None:
        """Lock when the platform suspends the program (sleep, where Qt reports it)."""
        if state == QtCore.Qt.ApplicationState.ApplicationSuspended:
            self.lock()

    def warm_up(self) -> None:
        """Load the store and the services on the database thread while the user types, so
        the first login is not slower than the next ones (services/warm_up.py)."""
        self.runner.run(
            lambda: load_store_and_services(self.ctx),
            success=lambda _result: self._after_warm_up(),
            failure=lambda _message: None,
        )

    def _install_filters(self) -> None:
        """The application-wide event filters (Ctrl+L everywhere, dialog fitting), once.

        Not while the first screen is being shown: the first call of a Python event filter with
        one of Qt's private widget classes makes PySide set up every Qt class it has loaded
        (about 40 ms on a 2-core laptop), which a cold start should not wait for. They are
        installed after the warm-up, or earlier where they are first needed: before the first
        dialog can open (recovery, the setup wizard) and at login.
        """
        if self.lock_requests is None:
            from vinr_desktop.ui.common.lock_request import LockRequests

            self.lock_requests = LockRequests(lambda: self.session_open, self)
            self.lock_requests.requested.connect(self.lock)
            # Suspend locks. Connected here, not while the first screen is built: PySide
            # cannot hand the slot its Qt::ApplicationState argument before its `Qt`
            # namespace exists (a TypeError on every state change), and the cold start
            # does not create that namespace (ui/common/widgets.py's note).
            _ = QtCore.Qt.ApplicationState  # creates the namespace
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.applicationStateChanged.connect(self._application_state_changed)
        if self.guard_key is None:
            from vinr_desktop.ui.home_visits.screen_guard import GuardKey

            self.guard_key = GuardKey(lambda: self.session_open, self)
            self.guard_key.requested.connect(self.guard)
        self.lock_requests.install()
        self.guard_key.install()
        self.dialog_fit.install()

    def _after_warm_up(self) -> None:
        """The workspace's widgets' modules on this thread (they import Qt), then every object
        loaded so far out of the garbage collector's way: otherwise the first collections
        after the login go through all of them (measured 40 ms, then 120-190 ms at some later
        moment of the session), while none of them will ever be garbage."""
        importlib.import_module("vinr_desktop.ui.shell.workspace")
        self._install_filters()
        gc.freeze()

    # -- screens -------------------------------------------------------------------------

    def _set_screen(self, screen: Screen, widget: QWidget) -> None:
        old = self.current
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self.screen_kind, self.current = screen, widget
        if old is not None:
            self.stack.removeWidget(old)
            old.hide()
            old.deleteLater()
        if old is self.workspace and widget is not old:
            self.workspace = None
        title = APP_TITLE + (" — DEMO" if self._is_demo else "")
        self.setWindowTitle(title)  # never a name or anything from a case

    def _use_context(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self._is_demo = ctx.is_demo
        if ctx not in self._contexts:
            self._contexts.append(ctx)

    def show_start(self) -> None:
        page = StartPage()
        page.demo_button.setVisible(self._demo_folder is not None)
        page.create_requested.connect(self.show_setup)
        page.demo_requested.connect(lambda: self.open_demo(page))
        self._set_screen(Screen.START, page)

    def show_setup(self) -> None:
        from vinr_desktop.ui.shell.setup_wizard import SetupWizard

        self._install_filters()
        wizard = SetupWizard(self.ctx, self.runner)
        wizard.finished.connect(self.show_login)
        wizard.cancelled.connect(self.show_start)
        self._set_screen(Screen.SETUP, wizard)

    def show_login(self, username: str = "") -> None:
        ctx = self.ctx
        page = LoginPage(
            lambda username, password: log_in(ctx, username, password),
            self.runner,
            demo=self.ctx.demo_info(),
            username=username,
            can_go_back=self.ctx is not self._home,
        )
        page.logged_in.connect(self.after_login)
        page.back_requested.connect(self.leave_demo)
        page.recovery_requested.connect(lambda username: self.open_recovery(page, username))
        self._set_screen(Screen.LOGIN, page)

    def open_recovery(self, page: LoginPage, username: str) -> None:
        """Glömt lösenordet?: recovery code → new password → the new code, shown once."""
        from vinr_desktop.ui.shell.recovery_dialog import RecoveryDialog

        self._install_filters()
        dialog = RecoveryDialog(accounts(self.ctx), self.runner, username, page)
        dialog.recovered.connect(lambda result: page.logged_in.emit(result.login))
        dialog.open()

    def open_demo(self, page: StartPage) -> None:
        """Open the demo store in its own folder, creating it the first time."""
        if self._demo_folder is None:
            return
        demo = next((c for c in self._contexts if c.paths.folder == self._demo_folder), None)
        if demo is None:
            demo = self._context_factory(self._demo_folder)
        try:
            demo.instance_lock.acquire()
        except StoreInUse as exc:
            page.error.show_message(exc.message)
            return
        if demo not in self._contexts:
            self._contexts.append(demo)

        def ready(_none: object = None) -> None:
            self._use_context(demo)
            self.show_login()

        if demo.store_exists():
            ready()
            return
        self.runner.run(
            lambda: _create_demo_store(demo),
            parent=page,
            success=ready,
            failure=page.error.show_message,
            busy=Busy(page.demo_button, tr("Demoregistret skapas…"), (page.create_button,)),
        )

    def leave_demo(self) -> None:
        self._use_context(self._home)
        if self.ctx.store_exists():
            self.show_login()
        else:
            self.show_start()

    # -- session -------------------------------------------------------------------------

    def after_login(self, result: LoginResult) -> None:
        self.user = result.user
        self.session_open = True
        self._install_filters()
        self.idle.start()
        if not result.must_change_password:
            self.enter_workspace(result)
            return
        from vinr_desktop.ui.shell.password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(accounts(self.ctx), self.runner, forced=True, parent=self)
        dialog.accepted.connect(lambda: self.enter_workspace(result))
        dialog.rejected.connect(self._forced_change_cancelled)
        dialog.open()

    def _forced_change_cancelled(self) -> None:
        if self.session_open:  # not when the dialog was closed by locking
            self.logout()

    def enter_workspace(self, result: LoginResult) -> None:
        from vinr_desktop.services.accounts.admin import AdminService
        from vinr_desktop.services.home_visits.visits import HomeVisitService
        from vinr_desktop.ui.shell.workspace import Workspace

        opened = HomeVisitService(self.ctx).open_visit()
        self._login = result
        workspace = Workspace(
            AdminService(self.ctx), self.runner, result, demo=self._is_demo, visit=opened
        )
        workspace.lock_requested.connect(self.lock)
        workspace.guard_requested.connect(self.guard)
        workspace.visit_mode_changed.connect(self._visit_mode_changed)
        workspace.change_password_requested.connect(self.change_password)
        workspace.idle_minutes_known.connect(self.idle.set_minutes)
        self._set_screen(Screen.WORKSPACE, workspace)
        self.workspace = workspace
        place, self.place = self.place, None
        if place is not None:
            workspace.resume(place)
        self._exclude_from_capture(opened is not None)

    def _visit_mode_changed(self) -> None:
        """A home visit started or ended: the workspace is built anew, in or out of the mode."""
        if self._login is None or not self.session_open:
            return
        self.close_other_windows()
        self.enter_workspace(replace(self._login, failed_attempts=0))

    def _exclude_from_capture(self, on: bool) -> None:
        from vinr_desktop.ui.home_visits.screen_guard import exclude_from_capture

        exclude_from_capture(self, on)

    def guard(self) -> None:
        """Skärmskydd (F12): the lock, shown as a neutral screen."""
        self.lock(guard=True)

    def change_password(self) -> None:
        from vinr_desktop.ui.shell.password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(accounts(self.ctx), self.runner, forced=False, parent=self)
        dialog.accepted.connect(
            lambda: self._inform(tr("Ditt lösenord är bytt. Använd det nya nästa gång."))
        )
        dialog.open()

    def _inform(self, text: str) -> None:
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Information, APP_TITLE, text, parent=self
        )
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _end_session_in_ui(self) -> None:
        """Stop showing the session: no timer, no late results, no other windows, no clipboard."""
        self.session_open = False
        self.idle.stop()
        self.runner.invalidate()
        self.close_other_windows()
        self.clipboard_guard.clear_ours()

    def lock(self, guard: bool = False) -> None:
        """Lock now (Ctrl+L, the button, idle): content goes first, then the store closes.

        `guard` (Skärmskydd, F12), and every lock during a home visit, shows the neutral screen
        instead of the lock screen: nothing of the program, its user or its purpose."""
        if not self.session_open or self.user is None:
            return
        from vinr_desktop.ui.home_visits.screen_guard import NEUTRAL_TITLE, GuardScreen
        from vinr_desktop.ui.shell.lock_screen import LockScreen

        if self.workspace is not None and self.current is self.workspace:
            self.place = self.workspace.place()  # before the lock closes the editors
        self._end_session_in_ui()
        auth = accounts(self.ctx)
        self.runner.run(auth.lock, failure=lambda _message: None)
        if guard or self.ctx.visit is not None:
            neutral = GuardScreen(auth, self.runner)
            neutral.unlocked.connect(self.after_login)
            self._set_screen(Screen.LOCKED, neutral)
            self.setWindowTitle(NEUTRAL_TITLE)
            return
        screen = LockScreen(auth, self.runner, self.user.full_name, demo=self._is_demo)
        screen.unlocked.connect(self.after_login)
        screen.switch_user_requested.connect(self.switch_user)
        self._set_screen(Screen.LOCKED, screen)

    def switch_user(self) -> None:
        self.user = None
        self.place = None
        self.runner.run(accounts(self.ctx).switch_user, failure=lambda _message: None)
        self.show_login()

    def logout(self) -> None:
        self._end_session_in_ui()
        self.user = None
        self.place = None
        self.runner.run(accounts(self.ctx).logout, failure=lambda _message: None)
        self.show_login()

    def close_other_windows(self) -> None:
        """Every dialog, message box and other top-level window goes away."""
        for widget in QApplication.topLevelWidgets():
            if widget is self or not widget.isVisible():
                continue
            if isinstance(widget, QtWidgets.QDialog):
                widget.done(QtWidgets.QDialog.DialogCode.Rejected)  # bypasses reject() overrides
            else:
                widget.close()
            if widget.testAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose):
                widget.deleteLater()

    # -- quitting ------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Wait for the database thread, log out, close every store, let other instances in."""
        if self._shut_down:
            return
        self._shut_down = True
        self.session_open = False
        self.place = None
        self.idle.stop()
        if self.lock_requests is not None:
            self.lock_requests.remove()
        if self.guard_key is not None:
            self.guard_key.remove()
        self.dialog_fit.remove()
        # Dialogs go first: an open journal editor queues the save of its draft as it closes.
        self.close_other_windows()
        self.clipboard_guard.clear_ours()
        self.clipboard_guard.detach()
        contexts = list(self._contexts)

        def log_out_everywhere() -> None:
            for ctx in contexts:
                if ctx.store is not None:  # open only after a login, which loaded the services
                    accounts(ctx).logout()

        self.runner.run_blocking_at_exit(log_out_everywhere)
        for ctx in contexts:
            ctx.release()
