"""Signing a decision that goes against the client without complete kommunicering: the reason
is asked for (why there was none, or why not wait for her last day) and recorded with the
decision; the decision dialog then signs with it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from vinr_desktop.ui.common.forms import text_edit
from vinr_desktop.ui.common.widgets import ErrorLabel, primary_button, styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("SignReason", text)


class SignReasonDialog(QDialog):
    """The warning, a reason box, and "Signera med skäl" / "Avbryt"."""

    chosen = Signal(str)  # the reason written

    def __init__(self, warning: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Kommunicering före beslut"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(480)
        self.warning = styled_label(warning, "error")
        self.reason = text_edit(80)
        self.reason.setPlaceholderText(
            tr("T.ex. uppenbart obehövligt, eller beslutet kan inte vänta (skriv varför)")
        )
        self.error = ErrorLabel()
        self.sign_button = primary_button(tr("Signera med skäl"))
        cancel = QPushButton(tr("Avbryt"))
        cancel.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(
            styled_label(tr("Skälet skrivs i journalen tillsammans med beslutet."), "muted")
        )
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.sign_button)
        layout.addLayout(buttons)
        cancel.clicked.connect(self.reject)
        self.sign_button.clicked.connect(self._sign)

    def _sign(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.error.show_message(tr("Skriv skälet för att signera nu."))
            return
        self.chosen.emit(reason)
        self.accept()
