"""Skärmskydd: one key (F12, in every window, dialogs included) or the always-visible button
blanks the program at once. It is the lock itself — the store closes and the key is dropped —
shown as a neutral screen that says nothing of the program's purpose: no name, no "låst", no
case. Returning needs the password with the lock's own key derivation and failure rules.

While a home visit is going on, every lock (Ctrl+L, idle, lid closed, OS suspend) shows this
screen, so whoever sits at the kitchen table sees nothing. On Windows the main window is also
excluded from screen capture (SetWindowDisplayAffinity, WDA_EXCLUDEFROMCAPTURE) in visit mode;
elsewhere the visit banner says it is not available.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from vinr_desktop.ui.common.lock_request import ApplicationKey
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, password_edit, primary_button

if TYPE_CHECKING:
    from vinr_desktop.services.accounts.auth import AuthService

GUARD_KEYS = "F12"
NEUTRAL_TITLE = "Skärmvila"
WDA_NONE = 0x0
WDA_EXCLUDEFROMCAPTURE = 0x11


def tr(text: str) -> str:
    return QCoreApplication.translate("ScreenGuard", text)


class GuardKey(ApplicationKey):
    """F12 in any window, dialogs included, asks for the screen guard."""

    def __init__(self, active: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(GUARD_KEYS, active, parent)


class GuardScreen(QWidget):
    """The neutral screen: a calm surface and a small password line at the bottom."""

    unlocked = Signal(object)  # LoginResult

    def __init__(
        self, auth: AuthService, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("GuardScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "QWidget#GuardScreen { background: qlineargradient(x1:0, y1:0, x2:0, y2:1, "
            "stop:0 #c9d6df, stop:1 #e8eef2); }"
            "QLineEdit { background: rgba(255,255,255,0.85); }"
        )
        self._auth, self._runner = auth, runner
        self.password = password_edit(tr("Lösenord"))
        self.password.setAccessibleName(tr("Lösenord"))
        self.password.setMaximumWidth(260)
        self.continue_button = primary_button(tr("Fortsätt"))
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.password)
        row.addWidget(self.continue_button)
        row.addStretch(1)
        spacer = QLabel("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 32)
        layout.addWidget(spacer, 1)
        layout.addWidget(self.error, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(row)
        self.password.returnPressed.connect(self.submit)
        self.continue_button.clicked.connect(self.submit)
        self.password.setFocus()

    def submit(self) -> None:
        if not self.continue_button.isEnabled():
            return
        password = self.password.text()
        if not password:
            self.error.show_message(tr("Skriv ditt lösenord."))
            return
        self.error.clear_message()
        auth = self._auth
        self.password.clear()
        self._runner.run(
            lambda: auth.unlock(password),
            parent=self,
            success=self.unlocked.emit,
            failure=self._failed,
            busy=Busy(self.continue_button, tr("…"), (self.password,)),
        )

    def _failed(self, message: str) -> None:
        self.error.show_message(message)
        self.password.setFocus()


def capture_exclusion_available() -> bool:
    """True where the window can be kept out of screen capture (Windows 10 2004 and later)."""
    return sys.platform == "win32"


def exclude_from_capture(widget: QWidget, exclude: bool = True) -> bool:
    """Keep `widget`'s window out of screenshots and screen sharing (Windows only); True if the
    system accepted it. Not testable off Windows: elsewhere it does nothing and says False."""
    if sys.platform != "win32":
        return False
    import ctypes

    hwnd = int(widget.winId())
    affinity = WDA_EXCLUDEFROMCAPTURE if exclude else WDA_NONE
    user32 = ctypes.windll.user32  # type: ignore[attr-defined,unused-ignore]
    return bool(user32.SetWindowDisplayAffinity(hwnd, affinity))
