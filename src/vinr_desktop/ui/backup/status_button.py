"""*Senaste säkerhetskopia: …* in the status strip: the real date of the last verified backup,
amber after 7 days and red after 30 (domain/backup_schedule.py), and a failed latest attempt.

A click opens the backup page for an administrator; anyone else is told who looks after the
backups.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from vinr_desktop.access.policy import Action, HasRoles, can
from vinr_desktop.domain.backup_schedule import BackupAge
from vinr_desktop.services.backup.backups import BackupService
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.views.backup import BackupStatus
from vinr_desktop.views.time_text import datetime_text

CHANGES = frozenset({"backups"})


def tr(text: str) -> str:
    return QCoreApplication.translate("BackupStatus", text)


def status_text(status: BackupStatus) -> str:
    text = tr("Senaste säkerhetskopia: {0}").format(
        datetime_text(status.last_verified_utc, tr("aldrig"))
    )
    if status.failed_utc is not None:
        text += tr(" · senaste försöket misslyckades")
    return text


def shown_age(status: BackupStatus) -> BackupAge:
    """The colour: the date's age, and at least amber when the latest attempt failed."""
    if status.failed_utc is not None and status.age is BackupAge.FRESH:
        return BackupAge.AMBER
    return status.age


class BackupStatusButton(QPushButton):
    open_page_requested = Signal()

    def __init__(
        self,
        service: BackupService,
        runner: OperationRunner,
        user: HasRoles,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Senaste säkerhetskopia: …"), parent)
        self.setObjectName("BackupStatus")
        self.setAutoDefault(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._service = service
        self._runner = runner
        self._admin = can(user, Action.MANAGE_BACKUPS)
        self.status: BackupStatus | None = None
        self.clicked.connect(self._clicked)
        runner.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        service = self._service
        self._runner.run(service.status, parent=self, success=self.show_status)

    def _on_changed(self, changes: frozenset[str]) -> None:
        if changes & CHANGES:
            self.reload()

    def show_status(self, status: BackupStatus) -> None:
        self.status = status
        self.setText(status_text(status))
        self.setProperty("age", shown_age(status).value)
        tip = tr("Gul efter 7 dagar och röd efter 30 dagar utan en kontrollerad kopia.")
        if status.failed_utc is not None:
            tip = (
                tr("Säkerhetskopieringen {0} misslyckades: {1}.").format(
                    datetime_text(status.failed_utc), status.failure
                )
                + " "
                + tip
            )
        self.setToolTip(tip)
        self.style().unpolish(self)
        self.style().polish(self)

    def _clicked(self) -> None:
        if self._admin:
            self.open_page_requested.emit()
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            tr("Säkerhetskopior"),
            tr(
                "Säkerhetskopiorna sköts av administratören. Programmet tar en kopia av sig "
                "självt när du loggar ut eller stänger programmet, högst en gång per dag och "
                "bara om något har ändrats. Är datumet gult eller rött, eller står det att "
                "försöket misslyckades, tala med administratören."
            ),
            parent=self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
