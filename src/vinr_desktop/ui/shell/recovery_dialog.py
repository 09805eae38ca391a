"""The way back in with the recovery code: code → new password → the new code, shown once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.ui.common.layouts import PageStack
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.password_fields import NewPasswordFields
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    form_layout,
    heading,
    primary_button,
    styled_label,
)
from vinr_desktop.ui.shell.recovery_code import RecoveryCodePanel

if TYPE_CHECKING:
    from vinr_desktop.services.accounts.auth import AuthService, RecoveryResult


def tr(text: str) -> str:
    return QCoreApplication.translate("RecoveryDialog", text)


class RecoveryDialog(QDialog):
    """Recovery code → new password → the new recovery code, shown once."""

    recovered = Signal(object)  # RecoveryResult, after the new code was confirmed

    def __init__(
        self, auth: AuthService, runner: OperationRunner, username: str, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Återställ lösenordet"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        self._auth = auth
        self._runner = runner
        self._result: RecoveryResult | None = None

        self.username = QLineEdit(username)
        self.code = QLineEdit()
        self.code.setPlaceholderText(tr("sex grupper om fyra tecken"))
        self.new_password = NewPasswordFields()
        self.error = ErrorLabel()
        self.submit_button = primary_button(tr("Byt lösenord"))
        cancel = QPushButton(tr("Avbryt"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)

        form_page = QWidget()
        layout = QVBoxLayout(form_page)
        layout.addWidget(
            styled_label(
                tr(
                    "Skriv återställningskoden från papperet du fick när registret skapades, "
                    "och välj ett nytt lösenord. Du får sedan en ny återställningskod – den "
                    "gamla slutar gälla."
                )
            )
        )
        form = form_layout()
        form.addRow(tr("Användarnamn"), self.username)
        form.addRow(tr("Återställningskod"), self.code)
        self.new_password.add_to(form)
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.submit_button)
        layout.addLayout(buttons)

        self.code_page = QWidget()
        QVBoxLayout(self.code_page)
        self.pages = PageStack()
        self.pages.addWidget(form_page)
        self.pages.addWidget(self.code_page)
        QVBoxLayout(self).addWidget(self.pages)
        self.submit_button.clicked.connect(self.submit)
        (self.code if username else self.username).setFocus()

    def submit(self) -> None:
        username, code = self.username.text(), self.code.text()
        new, repeat = self.new_password.values()
        auth = self._auth
        self.error.clear_message()
        self._runner.run(
            lambda: auth.recover(username, code, new, repeat),
            parent=self,
            success=self._show_new_code,
            failure=self.error.show_message,
            busy=Busy(self.submit_button, tr("Kontrollerar…")),
        )

    def _show_new_code(self, result: RecoveryResult) -> None:
        self._result = result
        self.new_password.clear()
        self.code.clear()
        self.panel = RecoveryCodePanel(result.new_recovery_code)
        done = primary_button(tr("Fortsätt"))
        done.clicked.connect(self._confirm)
        layout = self.code_page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(heading(tr("Din nya återställningskod"), 2))
        layout.addWidget(self.panel)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(done)
        layout.addLayout(row)
        self.pages.setCurrentWidget(self.code_page)

    def _confirm(self) -> None:
        if self._result is not None and self.panel.require_confirmed():
            result, self._result = self._result, None
            self.accept()
            self.recovered.emit(result)

    def reject(self) -> None:
        if self._result is not None:
            # Logged in already; the new code must be seen and confirmed before going on.
            self.panel.require_confirmed()
            return
        super().reject()
