"""*Säkerhetskopior*, the administrator's page: where the copies go, the automatic backup and
thinning settings, *Säkerhetskopiera nu* with its progress, and the copies in the folder
(list_card.py: manifest, *Kontrollera…*, *Återställ…*). Never case content.

Everything that touches the register or the folder runs on the database thread through the
OperationRunner, so the window keeps answering during a long backup.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain import backup_schedule as schedule
from vinr_desktop.domain.plurals import by_count
from vinr_desktop.services.backup.backups import BackupService
from vinr_desktop.services.backup.restoring import RestoreService
from vinr_desktop.ui.backup.list_card import BackupListCard
from vinr_desktop.ui.backup.progress import ProgressRelay, show_progress
from vinr_desktop.ui.common.count_spin import count_spin_box
from vinr_desktop.ui.common.dialogs import documents_folder
from vinr_desktop.ui.common.layouts import ResponsiveRow
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    card,
    heading,
    primary_button,
    styled_label,
)
from vinr_desktop.views.backup import BackupSettingsView, BackupWritten
from vinr_desktop.views.time_text import datetime_text

CHANGES = ("backups",)


def tr(text: str) -> str:
    return QCoreApplication.translate("BackupPage", text)


def _box(frame: QFrame) -> QVBoxLayout:
    layout = frame.layout()
    assert isinstance(layout, QVBoxLayout)
    return layout


class BackupPage(QWidget):
    restored = Signal(object)  # RestoreDone: the main window takes everyone to the login

    def __init__(
        self,
        service: BackupService,
        restorer: RestoreService,
        runner: OperationRunner,
        username: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self.settings_view: BackupSettingsView | None = None
        self.folder_label = styled_label(tr("Ingen mapp är vald."))
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_note = styled_label("", "muted")
        self.folder_button = QPushButton(tr("Välj mapp…"))
        self.folder_error = ErrorLabel()
        self.automatic_check = QCheckBox(tr("Säkerhetskopiera automatiskt"))
        self.daily_spin = count_spin_box(0, 1000, tr("dag"), tr("dagar"))
        self.weekly_spin = count_spin_box(0, 1000, tr("vecka"), tr("veckor"))
        self.monthly_spin = count_spin_box(0, 1000, tr("månad"), tr("månader"))
        self.settings_save = QPushButton(tr("Spara"))
        self.settings_message = styled_label("", "muted")
        self.settings_error = ErrorLabel()
        self.backup_button = primary_button(tr("Säkerhetskopiera nu"))
        self.backup_button.setDefault(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.backup_message = styled_label("", "ok")
        self.backup_error = ErrorLabel()
        self.relay = ProgressRelay()  # no parent: see progress.py
        self.list_card = BackupListCard(service, restorer, runner, username)
        for button in (self.folder_button, self.settings_save):
            button.setAutoDefault(False)

        self._build()
        self.folder_button.clicked.connect(self.choose_folder)
        self.settings_save.clicked.connect(self.save_settings)
        self.backup_button.clicked.connect(self.backup_now)
        self.relay.progressed.connect(self._progressed)
        self.list_card.restored.connect(self.restored)
        runner.changed.connect(self._on_changed)
        self.reload()

    def _build(self) -> None:
        folder = card(heading(tr("Mapp för säkerhetskopior"), 2), margins=16)
        folder_box = _box(folder)
        folder_box.addWidget(self.folder_label)
        folder_box.addWidget(self.folder_note)
        row = QHBoxLayout()
        row.addWidget(self.folder_button)
        row.addStretch(1)
        folder_box.addLayout(row)
        folder_box.addWidget(self.folder_error)
        folder_box.addStretch(1)

        automatic = card(heading(tr("Automatisk säkerhetskopia"), 2), margins=16)
        auto_box = _box(automatic)
        auto_box.addWidget(self.automatic_check)
        auto_box.addWidget(styled_label(schedule.AUTOMATIC_BACKUP.description, "muted"))
        auto_box.addWidget(heading(tr("Gallring av gamla kopior"), 3))
        auto_box.addWidget(
            styled_label(
                tr(
                    "Sparas: den senaste kopian för vart och ett av de senaste dygnen, veckorna "
                    "och månaderna som har en kopia. Övriga tas bort efter varje ny kopia."
                ),
                "muted",
            )
        )
        keep = QHBoxLayout()
        keep.setSpacing(8)
        for label, spin in (
            (tr("Dagliga"), self.daily_spin),
            (tr("Veckovisa"), self.weekly_spin),
            (tr("Månatliga"), self.monthly_spin),
        ):
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(styled_label(label, wrap=False))
            column.addWidget(spin)
            keep.addLayout(column)
        keep.addStretch(1)
        auto_box.addLayout(keep)
        save_row = QHBoxLayout()
        save_row.addWidget(self.settings_save)
        save_row.addWidget(self.settings_message, 1)
        auto_box.addLayout(save_row)
        auto_box.addWidget(self.settings_error)

        now = card(heading(tr("Säkerhetskopiera nu"), 2), margins=16)
        now_box = _box(now)
        now_box.addWidget(
            styled_label(
                tr(
                    "Kopian krypteras med en egen nyckel och kontrolleras innan den sparas. Den "
                    "öppnas bara med administratörernas lösenord eller återställningskoden."
                ),
                "muted",
            )
        )
        now_row = QHBoxLayout()
        now_row.addWidget(self.backup_button)
        now_row.addWidget(self.progress, 1)
        now_row.addStretch(1)  # the button keeps its size while no progress is shown
        now_box.addLayout(now_row)
        now_box.addWidget(self.backup_message)
        now_box.addWidget(self.backup_error)

        upper = ResponsiveRow(spacing=16)
        upper.add(folder, 1)
        upper.add(automatic, 1)
        copies = card(margins=0)
        _box(copies).addWidget(self.list_card)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)
        layout.addWidget(heading(tr("Säkerhetskopior")))
        layout.addWidget(upper)
        layout.addWidget(now)
        layout.addWidget(copies)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        self._runner.run(self._service.settings, parent=self, success=self.show_settings)
        self.list_card.reload()

    def _on_changed(self, changes: frozenset[str]) -> None:
        if changes & set(CHANGES):
            self.reload()

    def show_settings(self, view: BackupSettingsView) -> None:
        self.settings_view = view
        self.folder_label.setText(view.folder or tr("Ingen mapp är vald."))
        self.folder_button.setEnabled(not view.folder_fixed)
        if view.folder_fixed:
            self.folder_note.setText(tr("Fastställd av IT (policy.json); kan inte ändras här."))
        else:
            self.folder_note.setText(
                tr(
                    "Helst en annan disk än datorns: ett USB-minne eller en nätverksmapp. "
                    "Aldrig registrets egen mapp."
                )
            )
        self.automatic_check.setChecked(view.automatic)
        self.daily_spin.setValue(view.keep_daily)
        self.weekly_spin.setValue(view.keep_weekly)
        self.monthly_spin.setValue(view.keep_monthly)
        self.backup_button.setEnabled(bool(view.folder))

    # -- folder and settings -------------------------------------------------------------

    def choose_folder(self) -> None:
        start = (
            self.settings_view.folder if self.settings_view and self.settings_view.folder else ""
        )
        dialog = QFileDialog(
            self, tr("Välj mapp för säkerhetskopior"), start or str(documents_folder())
        )
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.use_folder)
        dialog.open()
        self.folder_dialog = dialog

    def use_folder(self, folder: str) -> None:
        service = self._service
        self.folder_error.clear_message()
        self._runner.run(
            lambda: service.set_folder(folder),
            parent=self,
            failure=self.folder_error.show_message,
            changes=CHANGES,
        )

    def save_settings(self) -> None:
        service = self._service
        values = (
            self.automatic_check.isChecked(),
            self.daily_spin.value(),
            self.weekly_spin.value(),
            self.monthly_spin.value(),
        )
        self.settings_error.clear_message()
        self.settings_message.setText("")
        self._runner.run(
            lambda: service.save_settings(*values),
            parent=self,
            success=lambda _none: self.settings_message.setText(tr("Sparat.")),
            failure=self.settings_error.show_message,
            busy=Busy(self.settings_save, tr("Sparar…")),
            changes=CHANGES,
        )

    # -- backing up ----------------------------------------------------------------------

    def backup_now(self) -> None:
        service, report = self._service, self.relay.callback()
        self.backup_message.setText("")
        self.backup_error.clear_message()
        show_progress(self.progress, 0, 1)
        self.progress.show()
        self._runner.run(
            lambda: service.backup_now(report),
            parent=self,
            success=self._backed_up,
            failure=self._backup_failed,
            busy=Busy(self.backup_button, tr("Säkerhetskopierar…"), (self.folder_button,)),
            changes=CHANGES,
        )

    def _progressed(self, done: int, total: int) -> None:
        show_progress(self.progress, done, total)

    def _backed_up(self, written: BackupWritten) -> None:
        self.progress.hide()
        self.list_card.remember(written.manifest)
        text = tr("Kopian från {0} är skriven och kontrollerad.").format(
            datetime_text(written.manifest.created_utc)
        )
        if written.removed:
            text += " " + by_count(
                written.removed,
                tr("1 äldre kopia togs bort enligt gallringen."),
                tr("{0} äldre kopior togs bort enligt gallringen."),
            )
        self.backup_message.setText(text)
        self.list_card.reload(select=written.manifest.path)

    def _backup_failed(self, message: str) -> None:
        self.progress.hide()
        self.backup_error.show_message(message)
