"""The care settings on the administration page: days until a genomförandeplan reminder, months
between follow-ups, and how the client is identified in documents for a provider.

Built like the page's other settings (heading, description, value, Spara, a message line);
each is read and written through AdminService, which audits the change.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain import settings
from vinr_desktop.services.accounts.admin import AdminService
from vinr_desktop.ui.common.count_spin import count_spin_box
from vinr_desktop.ui.common.layouts import ResponsiveRow
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import heading, styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("CareSettings", text)


@dataclass(frozen=True)
class CareSettingValues:
    reminder_days: int
    interval_months: int
    identity: str


def load_values(admin: AdminService) -> CareSettingValues:
    return CareSettingValues(
        admin.implementation_plan_reminder_days(),
        admin.follow_up_interval_months(),
        admin.provider_client_identity(),
    )


def _spin(setting: settings.IntSetting, one: str, many: str) -> QSpinBox:
    return count_spin_box(setting.minimum, setting.maximum, one, many)


class CareSettingsCard(QFrame):
    """Insatser: three settings, each saved on its own."""

    def __init__(
        self, admin: AdminService, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self._admin, self._runner = admin, runner
        self.reminder_spin = _spin(
            settings.IMPLEMENTATION_PLAN_REMINDER_DAYS, tr("dag"), tr("dagar")
        )
        self.interval_spin = _spin(settings.FOLLOW_UP_INTERVAL_MONTHS, tr("månad"), tr("månader"))
        self.identity = QComboBox()
        for code, label in settings.PROVIDER_CLIENT_IDENTITY.choices:
            self.identity.addItem(label, code)
        self.reminder_save = QPushButton(tr("Spara"))
        self.interval_save = QPushButton(tr("Spara"))
        self.identity_save = QPushButton(tr("Spara"))
        self.reminder_message = styled_label("", "muted")
        self.interval_message = styled_label("", "muted")
        self.identity_message = styled_label("", "muted")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        layout.addWidget(heading(tr("Insatser"), 2))
        columns = ResponsiveRow(spacing=24)  # one above the other in a narrow window
        for setting, field, save, message in (
            (
                settings.IMPLEMENTATION_PLAN_REMINDER_DAYS,
                self.reminder_spin,
                self.reminder_save,
                self.reminder_message,
            ),
            (
                settings.FOLLOW_UP_INTERVAL_MONTHS,
                self.interval_spin,
                self.interval_save,
                self.interval_message,
            ),
            (
                settings.PROVIDER_CLIENT_IDENTITY,
                self.identity,
                self.identity_save,
                self.identity_message,
            ),
        ):
            save.setAutoDefault(False)
            column = QVBoxLayout()
            column.setSpacing(6)
            column.addWidget(heading(setting.label, 3))
            description = styled_label(setting.description, "muted")
            column.addWidget(description)
            row = QHBoxLayout()
            row.addWidget(field)
            row.addWidget(save)
            row.addStretch(1)
            column.addLayout(row)
            column.addWidget(message)
            column.addStretch(1)
            columns.add(column)
        layout.addWidget(columns)

        self.reminder_save.clicked.connect(self.save_reminder_days)
        self.interval_save.clicked.connect(self.save_interval_months)
        self.identity_save.clicked.connect(self.save_identity)
        self.reload()

    def reload(self) -> None:
        admin = self._admin
        self._runner.run(lambda: load_values(admin), parent=self, success=self._show)

    def _show(self, values: CareSettingValues) -> None:
        self.reminder_spin.setValue(values.reminder_days)
        self.interval_spin.setValue(values.interval_months)
        self.identity.setCurrentIndex(max(0, self.identity.findData(values.identity)))

    def _save(self, call: object, button: QPushButton, message: QLabel) -> None:
        message.setText("")
        self._runner.run(
            call,  # type: ignore[arg-type]
            parent=self,
            success=lambda _none: message.setText(tr("Sparat.")),
            failure=message.setText,
            busy=Busy(button, tr("Sparar…")),
            changes={"settings"},
        )

    def save_reminder_days(self) -> None:
        admin, days = self._admin, self.reminder_spin.value()
        self._save(
            lambda: admin.set_implementation_plan_reminder_days(days),
            self.reminder_save,
            self.reminder_message,
        )

    def save_interval_months(self) -> None:
        admin, months = self._admin, self.interval_spin.value()
        self._save(
            lambda: admin.set_follow_up_interval_months(months),
            self.interval_save,
            self.interval_message,
        )

    def save_identity(self) -> None:
        admin, choice = self._admin, str(self.identity.currentData())
        self._save(
            lambda: admin.set_provider_client_identity(choice),
            self.identity_save,
            self.identity_message,
        )
