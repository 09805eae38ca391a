"""The login screen (the recovery-code way in is recovery_dialog.py, opened by the main window).

The first screen of a cold start: it imports no service. Logging in is the `login` call the
main window gives it, run on the database thread (where the services are loaded).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.services.context import DemoInfo
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import (
    DemoBanner,
    ErrorLabel,
    card,
    centered,
    form_layout,
    heading,
    link_button,
    password_edit,
    primary_button,
    styled_label,
)

if TYPE_CHECKING:
    from vinr_desktop.services.accounts.auth import LoginResult


def tr(text: str) -> str:
    return QCoreApplication.translate("LoginPage", text)


class LoginPage(QWidget):
    """Username and password; on success `logged_in` carries the LoginResult."""

    logged_in = Signal(object)
    back_requested = Signal()
    recovery_requested = Signal(str)  # the username typed so far

    def __init__(
        self,
        login: Callable[[str, str], LoginResult],
        runner: OperationRunner,
        *,
        demo: DemoInfo | None = None,
        username: str = "",
        can_go_back: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._login = login
        self._runner = runner
        self.username = QLineEdit(username)
        self.username.setAccessibleName(tr("Användarnamn"))
        self.password = password_edit()
        self.password.setAccessibleName(tr("Lösenord"))
        self.login_button = primary_button(tr("Logga in"))
        self.error = ErrorLabel()
        self.forgot_link = link_button(tr("Glömt lösenordet? Använd återställningskoden"))

        form = form_layout()
        form.addRow(tr("Användarnamn"), self.username)
        form.addRow(tr("Lösenord"), self.password)
        row = QHBoxLayout()
        row.addWidget(self.forgot_link)
        row.addStretch(1)
        row.addWidget(self.login_button)
        panel = card(heading(tr("Logga in"), 2))
        box = panel.layout()
        assert isinstance(box, QVBoxLayout)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addLayout(row)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setSpacing(14)
        layout.addWidget(heading(tr("VINR Desktop")))
        layout.addWidget(panel)
        if demo is not None:
            layout.addWidget(self._demo_help(demo))
        if can_go_back:
            back = link_button(tr("← Tillbaka till startsidan"))
            back.clicked.connect(self.back_requested)
            layout.addWidget(back)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        if demo is not None:
            outer.addWidget(DemoBanner())
        outer.addWidget(centered(content, 480))

        self.username.returnPressed.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.login_button.clicked.connect(self.submit)
        self.forgot_link.clicked.connect(self.open_recovery)
        (self.password if username else self.username).setFocus()

    def _demo_help(self, demo: DemoInfo) -> QWidget:
        """The public demo accounts; clicking one fills in the form."""
        panel = card(
            heading(tr("Demoanvändare"), 2),
            styled_label(
                tr(
                    "Demoregistret innehåller bara påhittade uppgifter. Lösenordet är "
                    "detsamma för alla: {0}"
                ).format(demo.password)
            ),
            margins=16,
            spacing=6,
        )
        box = panel.layout()
        assert isinstance(box, QVBoxLayout)
        for name, label in demo.usernames:
            link = link_button(tr("Logga in som {0} ({1})").format(name, label))
            link.clicked.connect(lambda _checked=False, n=name: self._fill(n, demo.password))
            box.addWidget(link)
        return panel

    def _fill(self, username: str, password: str) -> None:
        self.username.setText(username)
        self.password.setText(password)
        self.login_button.setFocus()

    def submit(self) -> None:
        if not self.login_button.isEnabled():
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.error.show_message(tr("Skriv användarnamn och lösenord."))
            return
        self.error.clear_message()
        login = self._login
        self._runner.run(
            lambda: login(username, password),
            parent=self,
            success=self.logged_in.emit,
            failure=self._failed,
            busy=Busy(
                self.login_button,
                tr("Loggar in…"),
                (self.username, self.password, self.forgot_link),
            ),
        )

    def _failed(self, message: str) -> None:
        self.error.show_message(message)
        self.password.clear()
        self.password.setFocus()

    def open_recovery(self) -> None:
        """Glömt lösenordet?: the main window opens the recovery-code dialog over this page."""
        self.recovery_requested.emit(self.username.text())
