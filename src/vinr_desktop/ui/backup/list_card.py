"""*Kopior i mappen*: the backups of this register in the folder, newest first, a chosen one's
manifest, *Kontrollera…* and *Återställ…*.

The list shows what a backup's key file tells without a key (when, schema revision, program
version, size, who can open it). The manifest's row counts are sealed under the backup's key:
they are shown for a backup written in this session, and for any backup once it was checked
with her password or the recovery code. Never case content.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.plurals import by_count
from vinr_desktop.services.backup.backups import BackupService
from vinr_desktop.services.backup.restoring import RestoreService
from vinr_desktop.store.backup_keys import BackupSecret
from vinr_desktop.ui.backup.secret_dialog import BackupSecretDialog
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.rows_model import RowsModel
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, styled_label
from vinr_desktop.views.backup import BackupListing, BackupRow, ManifestView, RestoreDone
from vinr_desktop.views.time_text import datetime_text

COL_CREATED = 0
COL_SCHEMA = 1
COL_VERSION = 2
COL_SIZE = 3
COL_OPENERS = 4


def tr(text: str) -> str:
    return QCoreApplication.translate("BackupList", text)


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return tr("{0} MB").format(f"{size / (1024 * 1024):.1f}".replace(".", ","))
    return tr("{0} kB").format(max(1, size // 1024))


class BackupsModel(RowsModel[BackupRow]):
    def __init__(self) -> None:
        super().__init__(
            {
                COL_CREATED: tr("Tagen"),
                COL_SCHEMA: tr("Databasschema"),
                COL_VERSION: tr("Programversion"),
                COL_SIZE: tr("Storlek"),
                COL_OPENERS: tr("Öppnas med"),
            },
            lambda row: row.path,
        )

    def cell(self, row: BackupRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_CREATED: datetime_text(row.created_utc),
                COL_SCHEMA: row.schema_revision,
                COL_VERSION: row.program_version,
                COL_SIZE: size_text(row.size_bytes),
                COL_OPENERS: row.openers,
            }.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.name
        return None


def manifest_text(manifest: ManifestView) -> str:
    lines = [
        tr("Tagen: {0}").format(datetime_text(manifest.created_utc)),
        tr("Databasschema {0}, programversion {1}").format(
            manifest.schema_revision, manifest.program_version
        ),
        tr("Granskningsloggen: sista post {0}").format(manifest.audit_seq),
        tr("Rader per tabell:"),
    ]
    filled = [(table, rows) for table, rows in manifest.counts if rows]
    lines += [f"    {table}: {rows}" for table, rows in filled]
    empty = len(manifest.counts) - len(filled)
    if empty:
        lines.append(
            "    " + by_count(empty, tr("(och 1 tom tabell)"), tr("(och {0} tomma tabeller)"))
        )
    return "\n".join(lines)


class BackupListCard(QWidget):
    """The table, the manifest of the chosen backup, and its two actions."""

    restored = Signal(object)  # RestoreDone: the register was swapped, everyone logged out

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
        self._restorer = restorer
        self._runner = runner
        self._username = username
        self.manifests: dict[str, ManifestView] = {}  # by path: written here or checked
        self.model = BackupsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(150)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in (COL_CREATED, COL_SCHEMA, COL_VERSION, COL_SIZE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_OPENERS, QHeaderView.ResizeMode.Stretch)
        self.empty_label = styled_label("", "muted")
        self.manifest_label = styled_label("", "muted")
        self.manifest_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_button = QPushButton(tr("Kontrollera…"))
        self.restore_button = QPushButton(tr("Återställ…"))
        self.refresh_button = QPushButton(tr("Uppdatera listan"))
        self.error = ErrorLabel()
        for button in (self.verify_button, self.restore_button, self.refresh_button):
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(10)
        layout.addWidget(heading(tr("Kopior i mappen"), 2))
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.manifest_label)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.refresh_button.clicked.connect(self.reload)
        self._selection_changed()

    # -- loading -------------------------------------------------------------------------

    def reload(self, select: str = "") -> None:
        service = self._service
        self._runner.run(
            service.list_backups,
            parent=self,
            success=lambda listing: self.show_listing(listing, select),
            failure=self.error.show_message,
        )

    def show_listing(self, listing: BackupListing, select: str = "") -> None:
        current = self.selected()
        chosen = select or (current.path if current is not None else "")
        self.model.set_rows(listing.rows)
        if not listing.folder:
            self.empty_label.setText(tr("Ingen mapp är vald ännu."))
        elif listing.folder_missing:
            self.empty_label.setText(
                tr(
                    "Mappen {0} går inte att nå (är USB-minnet eller nätverksmappen ansluten?)"
                ).format(listing.folder)
            )
        elif not listing.rows:
            self.empty_label.setText(tr("Det finns inga säkerhetskopior av registret i mappen."))
        else:
            count = by_count(
                len(listing.rows),
                tr("1 säkerhetskopia av registret"),
                tr("{0} säkerhetskopior av registret"),
            )
            self.empty_label.setText(tr("{0} i {1}.").format(count, listing.folder))
        row = self.model.row_of(chosen) if chosen else -1
        self.table.selectRow(row if row >= 0 else 0)
        self._selection_changed()

    def remember(self, manifest: ManifestView) -> None:
        self.manifests[manifest.path] = manifest

    # -- the chosen backup ---------------------------------------------------------------

    def selected(self) -> BackupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        row = self.selected()
        for button in (self.verify_button, self.restore_button):
            button.setEnabled(row is not None)
        if row is None:
            self.manifest_label.setText("")
        elif row.path in self.manifests:
            self.manifest_label.setText(manifest_text(self.manifests[row.path]))
        else:
            self.manifest_label.setText(
                tr(
                    "Tagen {0}. Antalet rader per tabell är krypterat i kopian: välj "
                    "Kontrollera… för att se dem."
                ).format(datetime_text(row.created_utc))
            )

    def _ask_secret(
        self,
        action: Callable[[BackupSecret], object],
        done: Callable[[Any], None],
        *,
        title: str,
        text: str,
        accept_text: str,
        busy_text: str,
    ) -> None:
        dialog = BackupSecretDialog(
            self._runner,
            self._username,
            action,
            title=title,
            text=text,
            accept_text=accept_text,
            busy_text=busy_text,
            parent=self,
        )
        dialog.succeeded.connect(done)
        dialog.open()

    def verify_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        service, path = self._service, row.path
        self._ask_secret(
            lambda secret: service.verify(path, secret),
            self._verified,
            title=tr("Kontrollera säkerhetskopia"),
            text=tr(
                "Kopian från {0} öppnas och kontrolleras i sin helhet: båda "
                "integritetskontrollerna, innehållsförteckningen och granskningsloggen. "
                "Ingenting ändras."
            ).format(datetime_text(row.created_utc)),
            accept_text=tr("Kontrollera"),
            busy_text=tr("Kontrollerar…"),
        )

    def _verified(self, manifest: ManifestView) -> None:
        self.remember(manifest)
        self.error.clear_message()
        self._selection_changed()
        self.manifest_label.setText(
            tr("Kopian är hel och kontrollerad.") + "\n" + manifest_text(manifest)
        )

    def restore_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        restorer, path = self._restorer, row.path
        self._ask_secret(
            lambda secret: restorer.restore(path, secret),
            self._restored,
            title=tr("Återställ från säkerhetskopia"),
            text=tr(
                "Registret ersätts med kopian från {0}. Kopian kontrolleras först och "
                "återställs i en ny mapp; sedan flyttas det nuvarande registret åt sidan, till "
                "en mapp som heter ”… före återställning” och dagens datum, och finns kvar där. "
                "Det som gjorts efter kopian finns bara i det undanflyttade registret. Du loggas "
                "ut och loggar in igen efteråt."
            ).format(datetime_text(row.created_utc)),
            accept_text=tr("Återställ"),
            busy_text=tr("Återställer…"),
        )

    def _restored(self, done: RestoreDone) -> None:
        self.restored.emit(done)
