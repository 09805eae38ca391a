"""Egenkontroll, the auditors' ten questions over a stickprov: choose the intake period, adults
or children, the first N, N at random (the seed is shown, and can be typed to draw the same
sample again) or all cases, and the review date; the table with an answer in words and colour
per cell, the detail as tooltip, a totals row; a double-click opens the case (never one the
user may not open). Spara CSV… (asked first, audited) and Skriv ut… (the document pipeline:
the unit's own version or the nämnd's)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from vinr_desktop.domain.compliance import QUESTION_SHORT, Question
from vinr_desktop.domain.compliance_sample import GROUP_LABELS, Group, SampleMode, Selection
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.compliance.service import CSV_FILE_NAME
from vinr_desktop.ui.common.count_spin import count_spin_box
from vinr_desktop.ui.common.dialogs import documents_folder
from vinr_desktop.ui.common.document_print import DocumentPrinter
from vinr_desktop.ui.common.forms import date_edit, date_of
from vinr_desktop.ui.common.layouts import FlowLayout
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, primary_button, styled_label
from vinr_desktop.ui.compliance.model import CASE_ROLE, COL_CASE, ComplianceModel
from vinr_desktop.views.compliance import ComplianceTable

MODES = (
    (SampleMode.FIRST, "De första"),
    (SampleMode.RANDOM, "Slumpvis"),
    (SampleMode.ALL, "Alla"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("CompliancePage", text)


def _group(*widgets: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    for widget in widgets:
        row.addWidget(widget)
    return box


class CompliancePage(QWidget):
    open_case_requested = Signal(str)

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        *,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services, self._runner = services, runner
        self.table_view_data: ComplianceTable | None = None
        self.confirm_box: QMessageBox | None = None
        now = today()
        self.period_from = date_edit(date(now.year, 1, 1))
        self.period_to = date_edit(now)
        self.review_on = date_edit(now)
        self.group = QComboBox()
        for group in Group:
            self.group.addItem(tr(GROUP_LABELS[group]), group)
        self.mode = QComboBox()
        self.mode.setToolTip(
            tr("De första efter aktualisering (som granskare gör), slumpvis eller alla ärenden")
        )
        for mode, label in MODES:
            self.mode.addItem(tr(label), mode)
        for combo in (self.group, self.mode):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.count = count_spin_box(1, 10_000, tr("ärende"), tr("ärenden"))
        self.count.setValue(5)
        self.seed = QSpinBox()
        self.seed.setRange(-1, 999_999)
        self.seed.setSpecialValueText(tr("nytt"))
        self.seed.setValue(-1)
        self.seed.setToolTip(tr("Samma frö ger samma stickprov. \u201dnytt\u201d drar ett nytt."))
        self.show_button = primary_button(tr("Visa"))
        self.csv_button = QPushButton(tr("Spara CSV…"))
        self.print_button = QPushButton(tr("Skriv ut…"))
        for button in (self.csv_button, self.print_button):
            button.setAutoDefault(False)
            button.setEnabled(False)
        self.summary = styled_label(tr("Välj urval och tryck Visa."), "muted")
        self.message = styled_label("", "ok")
        self.message.hide()
        self.error = ErrorLabel()
        self.model = ComplianceModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_CASE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(46)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.printer = DocumentPrinter(services.documents, runner, self)

        top = QHBoxLayout()
        top.addWidget(heading(tr("Egenkontroll"), 2))
        top.addStretch(1)
        top.addWidget(self.csv_button)
        top.addWidget(self.print_button)
        # Groups of a label and its field that wrap onto the next line in a narrow window.
        choices = FlowLayout(spacing=12)
        self.seed_group = _group(QLabel(tr("Frö")), self.seed)
        for part in (
            _group(QLabel(tr("Aktualiserade")), self.period_from, QLabel("–"), self.period_to),
            _group(QLabel(tr("Granskningsdag")), self.review_on),
            _group(QLabel(tr("Ärenden")), self.group),
            _group(QLabel(tr("Urval")), self.mode, self.count),
            self.seed_group,
            self.show_button,
        ):
            choices.add(part)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(choices)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        legend = " · ".join(f"{q.value} {tr(QUESTION_SHORT[q]).lower()}" for q in Question)
        layout.addWidget(styled_label(legend, "muted"))
        layout.addWidget(
            styled_label(
                tr(
                    "Håll muspekaren över en ruta för detaljen. Dubbelklicka för att öppna "
                    "ärendet. Skyddade ärenden som du inte får öppna räknas i summorna."
                ),
                "muted",
            )
        )
        self.show_button.clicked.connect(self.refresh)
        self.csv_button.clicked.connect(self.save_csv)
        self.print_button.clicked.connect(self.print_report)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.table.doubleClicked.connect(self._open)
        self._mode_changed()

    def selection(self) -> Selection:
        mode = SampleMode(self.mode.currentData())
        return Selection(
            period_from=date_of(self.period_from),
            period_to=date_of(self.period_to),
            review_on=date_of(self.review_on),
            group=Group(self.group.currentData()),
            mode=mode,
            count=self.count.value(),
            seed=self.seed.value() if self.seed.value() >= 0 else None,
        )

    def _mode_changed(self) -> None:
        mode = SampleMode(self.mode.currentData())
        self.count.setEnabled(mode is not SampleMode.ALL)
        self.seed_group.setVisible(mode is SampleMode.RANDOM)

    def refresh(self) -> None:
        self.error.clear_message()
        self.message.hide()
        wanted = self.selection()
        service = self._services.compliance
        self._runner.run(
            lambda: service.table(wanted),
            parent=self,
            success=self.show_table,
            failure=self.error.show_message,
            busy=Busy(self.show_button, tr("Hämtar…")),
            changes={"audit"},
        )

    def show_table(self, table: ComplianceTable) -> None:
        self.table_view_data = table
        self.model.show_table(table)
        if table.seed is not None:
            self.seed.setValue(table.seed)
        self.summary.setText(
            tr("{0} av {1} i perioden · {2} · granskningsdag {3}").format(
                len(table.rows), table.cases_in_period, table.selection_text, table.review_on
            )
        )
        for button in (self.csv_button, self.print_button):
            button.setEnabled(bool(table.rows))

    def _open(self, index: QModelIndex) -> None:
        case_id = self.model.data(self.model.index(index.row(), COL_CASE), CASE_ROLE)
        if case_id:
            self.open_case_requested.emit(str(case_id))

    # -- CSV and PDF ----------------------------------------------------------------------

    def save_csv(self) -> None:
        """Ask first (the file is not encrypted), then where; saved and audited by the service."""
        if self.table_view_data is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Spara CSV"),
            tr(
                "Egenkontrollen sparas som en vanlig CSV-fil utanför det krypterade registret. "
                "Den som får tag i filen kan läsa ärendenummer och svar. Att du sparar skrivs "
                "i loggen. Radera filen när den har använts."
            ),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Save).setText(tr("Välj plats och spara…"))
        box.button(QMessageBox.StandardButton.Cancel).setText(tr("Avbryt"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(self._choose_csv_path)
        box.open()
        self.confirm_box = box

    def _choose_csv_path(self) -> None:
        if not isValid(self):
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            tr("Spara CSV"),
            str(documents_folder() / CSV_FILE_NAME),
            tr("CSV-filer (*.csv)"),
            options=QFileDialog.Option.DontUseNativeDialog,
        )
        if isValid(self) and path:
            self.save_csv_to(Path(path))

    def save_csv_to(self, target: Path) -> None:
        table = self.table_view_data
        if table is None:
            return
        if target.suffix.lower() != ".csv":
            target = target.with_name(target.name + ".csv")
        service = self._services.compliance
        self.error.clear_message()
        self._runner.run(
            lambda: service.save_csv(table, target),
            parent=self,
            success=lambda _r: self._say(tr("Sparat: {0}. Det står i loggen.").format(target.name)),
            failure=self.error.show_message,
            busy=Busy(self.csv_button, tr("Sparar…")),
            changes={"audit"},
        )

    def print_report(self) -> None:
        table = self.table_view_data
        if table is None:
            return
        documents = self._services.documents
        self.printer.start(
            DocumentKind.COMPLIANCE,
            lambda to, _progress: documents.compliance_report(table, to),
            Recipient.MANAGER,
        )

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
