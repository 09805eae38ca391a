"""Lagrum: the legal grounds the program offers, for the administrator. Which law is in force
and since when, and each ground's dates and whether its reference was checked; an unchecked one
says so, for the municipality's lawyer to check. A corrected file (same format) can be loaded
into the register, and the program's own file taken back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.services.context import AppContext
from vinr_desktop.services.legal.grounds import LegalGroundsService
from vinr_desktop.ui.common.dialogs import ask
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.rows_model import RowsModel
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, styled_label
from vinr_desktop.views.legal import LegalGroundRow, LegalOverview


def tr(text: str) -> str:
    return QCoreApplication.translate("LegalGrounds", text)


GROUND, PERIOD, OFFERED, VERIFIED = range(4)


class LegalGroundsModel(RowsModel[LegalGroundRow]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [tr("Lagrum"), tr("Gäller"), tr("Erbjuds idag"), tr("Kontrollerad")],
            lambda r: r.code,
            parent,
        )

    def cell(self, row: LegalGroundRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.text}\n{tr('Källa: {0}').format(row.source)}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == GROUND:
            return row.text
        if column == PERIOD:
            if not row.valid_from and not row.valid_to:
                return tr("Alltid")
            return f"{row.valid_from or '…'} – {row.valid_to or tr('tills vidare')}"
        if column == OFFERED:
            return tr("Ja") if row.in_force else tr("Nej")
        return tr("Ja") if row.verified else tr("Ej kontrollerad")


class LegalGroundsDialog(QDialog):
    """The grounds in a table; the source of each in its tooltip and below the table."""

    def __init__(
        self, ctx: AppContext, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Lagrum"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(560, 380)
        self._service = LegalGroundsService(ctx)
        self._runner = runner
        self.confirm_box: QMessageBox | None = None
        self.in_force = styled_label("")
        self.origin = styled_label("", "muted")
        self.unverified = styled_label("", "muted")
        self.model = LegalGroundsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(GROUND, QHeaderView.ResizeMode.Stretch)
        for column in (PERIOD, OFFERED, VERIFIED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.source = styled_label("", "muted")
        self.error = ErrorLabel()
        self.load_button = QPushButton(tr("Läs in rättad fil…"))
        self.load_button.setToolTip(
            tr("En lagrumsfil i samma format som programmets, kontrollerad av kommunens jurist.")
        )
        self.load_button.clicked.connect(self.choose_file)
        self.revert_button = QPushButton(tr("Återgå till programmets fil"))
        self.revert_button.setVisible(False)
        self.revert_button.clicked.connect(self.confirm_revert)
        close = QPushButton(tr("Stäng"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Lagrum"), 2))
        layout.addWidget(self.in_force)
        layout.addWidget(self.origin)
        layout.addWidget(self.unverified)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.source)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_source(current.row())
        )
        self.resize(820, 480)
        service = self._service
        runner.run(service.overview, parent=self, success=self.show_overview,
                   failure=self.error.show_message)  # fmt: skip

    def show_overview(self, overview: LegalOverview) -> None:
        laws = {law.name: law for law in overview.laws}
        words = [
            tr("{0} sedan {1}").format(name, laws[name].valid_from) for name in overview.in_force
        ]
        self.in_force.setText(tr("I kraft {0}: {1}.").format(overview.today, "; ".join(words)))
        if overview.corrected_on:
            self.origin.setText(tr("Rättad av administratören {0}.").format(overview.corrected_on))
        else:
            self.origin.setText(tr("Programmets egen lagrumsfil (care/legal_grounds.json)."))
        self.revert_button.setVisible(bool(overview.corrected_on))
        self.unverified.setText(
            tr("{0} av {1} hänvisningar är inte kontrollerade mot lagtexten. Låt kommunens "
               "jurist kontrollera dem och läs in den rättade filen här.").format(
                overview.unverified, len(overview.grounds))
        )  # fmt: skip
        self.model.set_rows(overview.grounds)
        if overview.grounds:
            self.table.selectRow(0)

    def _show_source(self, row: int) -> None:
        ground = self.model.row_at(row)
        self.source.setText(tr("Källa: {0}").format(ground.source) if ground else "")

    # -- a corrected file ------------------------------------------------------------------

    def choose_file(self) -> None:
        # Qt's own dialog: a native one may add the file to the desktop's recent files.
        path, _filter = QFileDialog.getOpenFileName(
            self,
            tr("Läs in rättad lagrumsfil"),
            "",
            tr("Lagrumsfiler (*.json)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if path:
            self.load_path(Path(path))

    def load_path(self, path: Path) -> None:
        """Have the service check and keep the file; a bad one is refused with its reason."""
        self.error.clear_message()
        service = self._service
        self._runner.run(
            lambda: service.load_corrected(_read(path)),
            parent=self,
            success=self.show_overview,
            failure=self.error.show_message,
            busy=Busy(self.load_button, tr("Kontrollerar filen…")),
        )

    def confirm_revert(self) -> None:
        self.confirm_box = ask(
            self,
            tr("Återgå till programmets fil"),
            tr("Den rättade lagrumsfilen tas bort ur registret och programmets egen fil används "
               "igen. Fattade beslut behåller sina lagrum. Återgå?"),
            tr("Återgå"),
            self.revert,
            safe_default=True,
        )  # fmt: skip

    def revert(self) -> None:
        self.error.clear_message()
        service = self._service
        self._runner.run(
            service.revert_to_bundled,
            parent=self,
            success=self.show_overview,
            failure=self.error.show_message,
            busy=Busy(self.revert_button, tr("Återgår…")),
        )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        raise InvalidInput(tr("Filen {0} kunde inte läsas.").format(path.name)) from None
