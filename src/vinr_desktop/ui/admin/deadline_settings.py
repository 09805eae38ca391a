"""The Bevakningar and egenkontroll settings on the administration page: how long an adult's
investigation may run, within how many days a journal entry is signed, how old an unsigned
draft may be, how long a case may be without activity before the morning page shows it, and
within how many days an adult's investigation is to start (egenkontroll K1).

Built like the care settings card (heading, description, value, Spara, a message line); each is
read and written through AdminService, which audits the change.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from vinr_desktop.domain import settings
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.ui.common.count_spin import count_spin_box
from vinr_desktop.ui.common.layouts import ResponsiveRow
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import heading, styled_label

DEADLINE_SETTINGS = (
    settings.ADULT_INVESTIGATION_DAYS,
    settings.JOURNAL_SIGNING_DAYS,
    settings.UNSIGNED_DRAFT_DAYS,
    settings.INACTIVITY_DAYS,
    settings.INVESTIGATION_START_DAYS,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("DeadlineSettings", text)


def load_values(admin: AdminService) -> tuple[int, ...]:
    return tuple(admin.int_setting(s) for s in DEADLINE_SETTINGS)


class DeadlineSettingsCard(QFrame):
    """Bevakningar and egenkontroll: settings in days, two by two, each saved on its own."""

    def __init__(
        self, admin: AdminService, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self._admin, self._runner = admin, runner
        self.spins = [
            count_spin_box(s.minimum, s.maximum, tr("dag"), tr("dagar")) for s in DEADLINE_SETTINGS
        ]
        self.saves = [QPushButton(tr("Spara")) for _ in DEADLINE_SETTINGS]
        self.messages = [styled_label("", "muted") for _ in DEADLINE_SETTINGS]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        layout.addWidget(heading(tr("Bevakningar och egenkontroll"), 2))
        rows = [ResponsiveRow(spacing=24) for _ in range((len(DEADLINE_SETTINGS) + 1) // 2)]
        for index, setting in enumerate(DEADLINE_SETTINGS):
            save, message = self.saves[index], self.messages[index]
            save.setAutoDefault(False)
            column = QVBoxLayout()
            column.setSpacing(6)
            column.addWidget(heading(setting.label, 3))
            column.addWidget(styled_label(setting.description, "muted"))
            row = QHBoxLayout()
            row.addWidget(self.spins[index])
            row.addWidget(save)
            row.addStretch(1)
            column.addLayout(row)
            column.addWidget(message)
            column.addStretch(1)
            rows[index // 2].add(column)
            save.clicked.connect(lambda _checked=False, i=index: self.save(i))
        for number, pair in enumerate(rows):
            if number:
                layout.addSpacing(6)
            layout.addWidget(pair)
        self.reload()

    def reload(self) -> None:
        admin = self._admin
        self._runner.run(lambda: load_values(admin), parent=self, success=self._show)

    def _show(self, values: tuple[int, ...]) -> None:
        for spin, value in zip(self.spins, values, strict=True):
            spin.setValue(value)

    def save(self, index: int) -> None:
        """Save one setting (audited by AdminService)."""
        admin, setting, value = self._admin, DEADLINE_SETTINGS[index], self.spins[index].value()
        message: QLabel = self.messages[index]
        message.setText("")
        self._runner.run(
            lambda: admin.set_int_setting(setting, value),
            parent=self,
            success=lambda _none: message.setText(tr("Sparat.")),
            failure=message.setText,
            busy=Busy(self.saves[index], tr("Sparar…")),
            changes={"settings"},
        )
