"""Exportera till e-arkiv: what goes into the package (the kept cases, or the whole register for
a change of system), which folder it goes to, and a warning that the package is readable
outside the register. The export runs in the background; the result says where it went."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.services.retention.archive import ArchiveService
from vinr_desktop.ui.common.dialogs import documents_folder
from vinr_desktop.ui.common.forms import ServiceDialog
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label
from vinr_desktop.views.archive import ArchiveResult


def tr(text: str) -> str:
    return QCoreApplication.translate("ArchiveDialog", text)


class ArchiveDialog(ServiceDialog):
    """Choose what and where; OK writes the package (`succeeded` carries the ArchiveResult)."""

    def __init__(
        self, archive: ArchiveService, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            tr("Exportera till e-arkiv"),
            tr("Exportera"),
            tr("Exporterar…"),
            runner,
            parent,
            changes=frozenset({"retention"}),
        )
        self._archive = archive
        self.kept = QRadioButton(tr("Avslutade ärenden som bevaras"))
        self.whole = QRadioButton(tr("Hela registret (när kommunen byter system)"))
        self.kept.setChecked(True)
        self.folder = QLineEdit(str(documents_folder()))
        self.choose_button = QPushButton(tr("Välj…"))
        self.choose_button.setAutoDefault(False)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(self.choose_button)
        what = QVBoxLayout()
        what.addWidget(self.kept)
        what.addWidget(self.whole)
        self.form.addRow(tr("Innehåll"), what)
        self.form.addRow(tr("Mapp"), where)
        self.setMinimumWidth(560)
        self.body.insertWidget(
            0,
            styled_label(
                tr("Paketet (E-ARK SIP enligt FGS Paketstruktur) får en egen mapp med "
                   "METS.xml, ärendenas metadata och varje ärendes sammanställning som PDF/A. "
                   "Det är inte krypterat: lägg det bara där kommunens arkivrutin säger. "
                   "Adresser och telefonnummer följer aldrig med, och skyddade ärenden som du "
                   "inte har behörighet till är inte med. Varje dokument loggas."),
                "muted",
            ),
        )  # fmt: skip
        self.choose_button.clicked.connect(self.choose_folder)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            tr("Välj mapp för e-arkivpaketet"),
            self.folder.text(),
            QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly,
        )
        if folder:
            self.folder.setText(folder)

    def call(self) -> Callable[[], ArchiveResult]:
        archive, folder, whole = self._archive, Path(self.folder.text()), self.whole.isChecked()
        return lambda: archive.export(folder, whole_register=whole)
