"""Kontaktuppgifter i tjänsten: a user's work phone and e-mail, which documents for providers
and clients print under "Kontaktperson i kommunen". The user edits her own (from the top bar);
an administrator edits anyone's (Administration → Användare).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from vinr_desktop.services.accounts.profile import WorkContact
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    form_layout,
    heading,
    primary_button,
    styled_label,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("WorkContactDialog", text)


def contact_fields() -> tuple[QLineEdit, QLineEdit]:
    """The two fields, as the add-user dialog shows them too."""
    phone, email = QLineEdit(), QLineEdit()
    phone.setPlaceholderText(tr("t.ex. 0690-250 100"))
    email.setPlaceholderText(tr("t.ex. fornamn.efternamn@kommun.se"))
    phone.setMaxLength(40)
    email.setMaxLength(200)
    return phone, email


class WorkContactDialog(QDialog):
    """Loads the current values through the runner, saves through the service."""

    def __init__(
        self,
        title: str,
        load: Callable[[], WorkContact],
        save: Callable[[str, str], object],
        runner: OperationRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(480)
        self._save, self._runner = save, runner
        self.phone, self.email = contact_fields()
        self.error = ErrorLabel()
        self.ok_button = primary_button(tr("Spara"))
        self.cancel_button = QPushButton(tr("Avbryt"))
        self.cancel_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 2))
        layout.addWidget(
            styled_label(
                tr(
                    "Telefon och e-post i tjänsten skrivs ut på dokument till utförare och "
                    "klienter, så att de vet hur de når handläggaren."
                ),
                "muted",
            )
        )
        form = form_layout()
        form.addRow(tr("Telefon i tjänsten"), self.phone)
        form.addRow(tr("E-post i tjänsten"), self.email)
        layout.addLayout(form)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        layout.addLayout(row)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.setEnabled(False)
        runner.run(load, parent=self, success=self._loaded, failure=self.error.show_message)

    def _loaded(self, contact: WorkContact) -> None:
        self.phone.setText(contact.phone)
        self.email.setText(contact.email)
        self.ok_button.setEnabled(True)
        self.phone.setFocus()

    def submit(self) -> None:
        phone, email, save = self.phone.text(), self.email.text(), self._save
        self.error.clear_message()
        self._runner.run(
            lambda: save(phone, email),
            parent=self,
            success=lambda _result: self.accept(),
            failure=self.error.show_message,
            busy=Busy(self.ok_button, tr("Sparar…"), (self.cancel_button,)),
            changes={"users"},
        )
