"""Changing one's own password: by choice, or forced after a one-time password."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.password_fields import NewPasswordFields
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    form_layout,
    heading,
    password_edit,
    primary_button,
    styled_label,
)

if TYPE_CHECKING:
    from vinr_desktop.services.accounts.auth import AuthService


def tr(text: str) -> str:
    return QCoreApplication.translate("PasswordDialog", text)


class ChangePasswordDialog(QDialog):
    """Accepted once the service has changed the password; rejected when cancelled.

    Forced (after a one-time password), cancelling means logging out: the caller does that.
    """

    def __init__(
        self,
        auth: AuthService,
        runner: OperationRunner,
        *,
        forced: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Byt lösenord"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(480)
        self._auth = auth
        self._runner = runner
        self.forced = forced

        self.old_password = password_edit()
        self.new_password = NewPasswordFields()
        self.error = ErrorLabel()
        self.ok_button = primary_button(tr("Byt lösenord"))
        self.cancel_button = QPushButton(tr("Logga ut") if forced else tr("Avbryt"))
        self.cancel_button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        if forced:
            layout.addWidget(heading(tr("Välj ett eget lösenord"), 2))
            layout.addWidget(
                styled_label(
                    tr(
                        "Du loggade in med ett engångslösenord från administratören. Välj ett "
                        "eget lösenord innan du fortsätter. Ingen annan ska känna till det."
                    )
                )
            )
        form = form_layout()
        form.addRow(
            tr("Engångslösenord") if forced else tr("Nuvarande lösenord"), self.old_password
        )
        self.new_password.add_to(form)
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)

        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.old_password.setFocus()

    def submit(self) -> None:
        old = self.old_password.text()
        new, repeat = self.new_password.values()
        auth = self._auth
        self.error.clear_message()
        self._runner.run(
            lambda: auth.change_own_password(old, new, repeat),
            parent=self,
            success=lambda _none: self.accept(),
            failure=self.error.show_message,
            busy=Busy(self.ok_button, tr("Byter lösenord…"), (self.cancel_button,)),
        )

    def reject(self) -> None:
        if not self.ok_button.isEnabled():
            return  # the change is under way; its result decides (locking uses done())
        super().reject()
