"""The lock screen: it replaces the main window's content while the store is closed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import (
    DemoBanner,
    ErrorLabel,
    card,
    centered,
    heading,
    password_edit,
    primary_button,
    styled_label,
)

if TYPE_CHECKING:
    from vinr_desktop.services.accounts.auth import AuthService


def tr(text: str) -> str:
    return QCoreApplication.translate("LockScreen", text)


class LockScreen(QWidget):
    """Unlock as the same user (full key derivation again) or go to the login screen."""

    unlocked = Signal(object)  # LoginResult
    switch_user_requested = Signal()

    def __init__(
        self,
        auth: AuthService,
        runner: OperationRunner,
        full_name: str,
        *,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._auth = auth
        self._runner = runner
        self.title = heading(tr("Låst – {0}").format(full_name))
        self.password = password_edit(tr("Lösenord"))
        self.password.setAccessibleName(tr("Lösenord"))
        self.unlock_button = primary_button(tr("Lås upp"))
        self.switch_button = QPushButton(tr("Byt användare"))
        self.switch_button.setAutoDefault(False)
        self.error = ErrorLabel()

        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        panel = card(
            self.title,
            styled_label(
                tr("Registret är låst och stängt. Skriv ditt lösenord för att fortsätta."),
                "muted",
            ),
            self.password,
            self.error,
        )
        box = panel.layout()
        assert isinstance(box, QVBoxLayout)
        box.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        if demo:
            outer.addWidget(DemoBanner())
        outer.addWidget(centered(panel, 460))

        self.password.returnPressed.connect(self.submit)
        self.unlock_button.clicked.connect(self.submit)
        self.switch_button.clicked.connect(self.switch_user_requested)
        self.password.setFocus()

    def submit(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        password = self.password.text()
        if not password:
            self.error.show_message(tr("Skriv ditt lösenord."))
            return
        self.error.clear_message()
        auth = self._auth
        self._runner.run(
            lambda: auth.unlock(password),
            parent=self,
            success=self.unlocked.emit,
            failure=self._failed,
            busy=Busy(self.unlock_button, tr("Låser upp…"), (self.password, self.switch_button)),
        )

    def _failed(self, message: str) -> None:
        self.error.show_message(message)
        self.password.clear()
        self.password.setFocus()
