"""Opening a backup: the administrator's own password, or the recovery code.

A backup is sealed to the administrators' passwords of the day it was taken and to the
recovery code; the dialog asks for one of them and runs the given service call with it in the
background (a full Argon2id, then the checks), showing a wrong password or a damaged backup
inline, in Swedish. It closes when the call succeeded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.store.backup_keys import AdminPassword, BackupSecret, RecoveryCode
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    heading,
    password_edit,
    primary_button,
    styled_label,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("BackupSecretDialog", text)


class BackupSecretDialog(QDialog):
    """Asks for the secret, runs `action(secret)`; `succeeded(result)` when it went well."""

    succeeded = Signal(object)

    def __init__(
        self,
        runner: OperationRunner,
        username: str,
        action: Callable[[BackupSecret], Any],
        *,
        title: str,
        text: str,
        accept_text: str,
        busy_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self._runner = runner
        self._username = username
        self._action = action
        self._busy_text = busy_text
        self.password_choice = QRadioButton(tr("Mitt lösenord ({0})").format(username))
        self.code_choice = QRadioButton(tr("Återställningskoden"))
        self.password_choice.setChecked(True)
        choices = QButtonGroup(self)
        choices.addButton(self.password_choice)
        choices.addButton(self.code_choice)
        self.secret = password_edit(tr("Lösenord"))
        self.secret.setAccessibleName(tr("Lösenord eller återställningskod"))
        self.error = ErrorLabel()
        self.ok_button = primary_button(accept_text)
        self.cancel_button = QPushButton(tr("Avbryt"))
        self.cancel_button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading(title, 2))
        layout.addWidget(styled_label(text))
        layout.addWidget(
            styled_label(
                tr(
                    "Kopian öppnas med ditt lösenord från den dag den togs, eller med "
                    "återställningskoden."
                ),
                "muted",
            )
        )
        layout.addWidget(self.password_choice)
        layout.addWidget(self.code_choice)
        layout.addWidget(self.secret)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)

        self.code_choice.toggled.connect(self._choice_changed)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.secret.setFocus()

    def _choice_changed(self, code: bool) -> None:
        self.secret.setPlaceholderText(tr("Återställningskod") if code else tr("Lösenord"))
        self.secret.clear()
        self.secret.setFocus()

    def chosen_secret(self) -> BackupSecret:
        if self.code_choice.isChecked():
            return RecoveryCode(self.secret.text())
        return AdminPassword(self._username, self.secret.text())

    def submit(self) -> None:
        if not self.secret.text():
            self.error.show_message(tr("Skriv lösenordet eller återställningskoden."))
            return
        secret, action = self.chosen_secret(), self._action
        self.error.clear_message()
        self._runner.run(
            lambda: action(secret),
            parent=self,
            success=self._done,
            failure=self.error.show_message,
            busy=Busy(
                self.ok_button,
                self._busy_text,
                (self.cancel_button, self.secret, self.password_choice, self.code_choice),
            ),
        )

    def _done(self, result: object) -> None:
        self.secret.clear()
        self.succeeded.emit(result)
        self.accept()

    def reject(self) -> None:
        if not self.ok_button.isEnabled():
            return  # the call is under way; its result decides
        super().reject()
