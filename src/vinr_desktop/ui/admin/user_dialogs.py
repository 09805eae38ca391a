"""Adding a user, and showing a one-time password once to hand over in person."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.access.policy import ROLE_LABELS, Role
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.ui.admin.work_contact_dialog import contact_fields
from vinr_desktop.ui.common.layouts import PageStack
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.style import monospace_font
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    form_layout,
    heading,
    primary_button,
    styled_label,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("UserDialogs", text)


class OneTimePasswordPanel(QWidget):
    """The one-time password, large, with how to hand it over."""

    def __init__(self, username: str, password: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.password_label = QLabel(password)
        self.password_label.setProperty("role", "secret")
        self.password_label.setFont(monospace_font(18))
        self.password_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password_label.setMinimumHeight(QFontMetrics(self.password_label.font()).height() + 36)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(tr("Engångslösenord för {0}").format(username), 2))
        layout.addWidget(self.password_label)
        layout.addWidget(
            styled_label(
                tr(
                    "Lämna över lösenordet personligen – aldrig via e-post, sms eller chatt. "
                    "Användaren väljer ett eget lösenord vid första inloggningen. "
                    "Engångslösenordet visas bara nu."
                )
            )
        )


class OneTimePasswordDialog(QDialog):
    def __init__(self, username: str, password: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Engångslösenord"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(460)
        self.view = OneTimePasswordPanel(username, password)
        close = primary_button(tr("Stäng"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)


class AddUserDialog(QDialog):
    """Username, name and roles → the service adds the user → the one-time password."""

    added = Signal(str)  # username

    def __init__(self, admin: AdminService, runner: OperationRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Lägg till användare"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(480)
        self._admin = admin
        self._runner = runner
        self.one_time_view: OneTimePasswordPanel | None = None

        self.username = QLineEdit()
        self.username.setPlaceholderText(tr("små bokstäver, t.ex. annsve"))
        self.full_name = QLineEdit()
        self.work_phone, self.work_email = contact_fields()
        self.role_boxes: dict[Role, QCheckBox] = {}
        roles = QHBoxLayout()
        for role in (Role.CASEWORKER, Role.MANAGER, Role.ADMIN):
            box = QCheckBox(ROLE_LABELS[role])
            box.setChecked(role is Role.CASEWORKER)
            self.role_boxes[role] = box
            roles.addWidget(box)
        roles.addStretch(1)
        self.error = ErrorLabel()
        self.add_button = primary_button(tr("Lägg till"))
        self.cancel_button = QPushButton(tr("Avbryt"))
        self.cancel_button.setAutoDefault(False)

        form_page = QWidget()
        layout = QVBoxLayout(form_page)
        layout.setContentsMargins(0, 0, 0, 0)
        form = form_layout()
        form.addRow(tr("För- och efternamn"), self.full_name)
        form.addRow(tr("Användarnamn"), self.username)
        form.addRow(tr("Roller"), roles)
        form.addRow(tr("Telefon i tjänsten"), self.work_phone)
        form.addRow(tr("E-post i tjänsten"), self.work_email)
        layout.addLayout(form)
        layout.addWidget(
            styled_label(
                tr(
                    "Administratörer hanterar användare och inställningar men ser aldrig "
                    "ärenden. Telefon och e-post i tjänsten skrivs ut på dokument till "
                    "utförare. Den nya användaren får ett engångslösenord."
                ),
                "muted",
            )
        )
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.add_button)
        layout.addLayout(buttons)

        self.result_page = QWidget()
        QVBoxLayout(self.result_page).setContentsMargins(0, 0, 0, 0)
        self.pages = PageStack()
        self.pages.addWidget(form_page)
        self.pages.addWidget(self.result_page)
        QVBoxLayout(self).addWidget(self.pages)

        self.add_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.full_name.setFocus()

    def submit(self) -> None:
        username, full_name = self.username.text(), self.full_name.text()
        phone, email = self.work_phone.text(), self.work_email.text()
        roles = {role.value for role, box in self.role_boxes.items() if box.isChecked()}
        admin = self._admin
        self.error.clear_message()
        self._runner.run(
            lambda: admin.add_user(username, full_name, roles, phone, email),
            parent=self,
            success=lambda password: self._show_password(username.strip().lower(), password),
            failure=self.error.show_message,
            busy=Busy(self.add_button, tr("Lägger till…"), (self.cancel_button,)),
            changes={"users"},
        )

    def _show_password(self, username: str, password: str) -> None:
        self.one_time_view = OneTimePasswordPanel(username, password)
        close = primary_button(tr("Stäng"))
        close.clicked.connect(self.accept)
        layout = self.result_page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.one_time_view)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.pages.setCurrentWidget(self.result_page)
        close.setFocus()
        self.added.emit(username)
