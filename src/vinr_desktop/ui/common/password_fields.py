"""A new password typed twice, with a live hint about its length (the rules live in domain/)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout

from vinr_desktop.domain.passwords import strength_hint
from vinr_desktop.ui.common.widgets import password_edit, styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("Widgets", text)


class NewPasswordFields:
    """New password, repeat and a live hint about its length (the rules live in domain/).

    Not a widget of its own: `add_to` puts its rows into the caller's form, so the labels line
    up with the form's other fields.
    """

    def __init__(self) -> None:
        self.password = password_edit(tr("Minst 12 tecken, gärna flera ord"))
        self.repeat = password_edit()
        self.hint = styled_label("", "muted")
        self.password.textChanged.connect(self._update_hint)
        self._update_hint("")

    def add_to(self, form: QFormLayout, label: str = "") -> None:
        form.addRow(label or tr("Nytt lösenord"), self.password)
        form.addRow("", self.hint)
        form.addRow(tr("Upprepa lösenordet"), self.repeat)

    def _update_hint(self, text: str) -> None:
        self.hint.setText(
            strength_hint(text) or tr("Minst 12 tecken. Långt är bättre än krångligt.")
        )

    def values(self) -> tuple[str, str]:
        return self.password.text(), self.repeat.text()

    def clear(self) -> None:
        self.password.clear()
        self.repeat.clear()
