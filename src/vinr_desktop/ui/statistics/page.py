"""Statistik, for the enhetschef and the handläggare (never the administrator): choose a period
(a year, a half-year or months), then the kartläggning: a summary, the Kolada key figures and
every table with its chart. Exact counts only for a user who may open every counted case; else
the published numbers ("< 5"). A double-click on a count lists the cases behind it that the
user may open. The årsrapport for the nämnd goes through the document preview; the CSV is
asked about, then saved and logged.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.access.policy import Action, HasRoles, can
from vinr_desktop.domain.redaction import DocumentKind
from vinr_desktop.domain.statistics_facts import MONTHS, Period
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.dialogs import documents_folder
from vinr_desktop.ui.common.document_print import DocumentPrinter
from vinr_desktop.ui.common.operations import OperationRunner, show_error
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, styled_label
from vinr_desktop.ui.statistics.facts_dialog import edit_statistics_facts
from vinr_desktop.ui.statistics.sections import CasesDialog, KeyFiguresSection, TableSection
from vinr_desktop.views.statistics import CaseLine, StatisticsPage

KINDS = ("year", "first_half", "second_half", "months")


def tr(text: str) -> str:
    return QCoreApplication.translate("Statistics", text)


class StatisticsPanel(QWidget):
    """The Statistik page."""

    open_case_requested = Signal(str)

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        user: HasRoles,
        year: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services, self._runner = services, runner
        self.page: StatisticsPage | None = None
        self.cases_dialog: CasesDialog | None = None
        self.csv_box: QMessageBox | None = None  # the question before a CSV leaves the program
        self.printer = DocumentPrinter(services.documents, runner, self)
        self.kind = QComboBox()
        labels = (tr("Helår"), tr("Första halvåret"), tr("Andra halvåret"), tr("Månader"))
        for code, label in zip(KINDS, labels, strict=True):
            self.kind.addItem(label, code)
        self.kind.setAccessibleName(tr("Period"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.setAccessibleName(tr("År"))
        self.first_month, self.last_month = QComboBox(), QComboBox()
        for box, name in (
            (self.first_month, tr("Från månad")),
            (self.last_month, tr("Till månad")),
        ):
            for n, month in enumerate(MONTHS, 1):
                box.addItem(month, n)
            box.setAccessibleName(name)
        self.last_month.setCurrentIndex(11)
        self.show_button = QPushButton(tr("Visa"))
        self.report_button = QPushButton(tr("Årsrapport (PDF)…"))
        self.report_button.setToolTip(tr("Rapporten till nämnden, med skyddade siffror."))
        self.csv_button = QPushButton(tr("Exportera CSV…"))
        self.facts_button = QPushButton(tr("Befolkning och kommunkod…"))
        for button in (self.show_button, self.report_button, self.csv_button, self.facts_button):
            button.setAutoDefault(False)
        self.status = styled_label(tr("Hämtas…"), "muted")
        self.error = ErrorLabel()
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(0, 0, 12, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.content)
        self.scroll_area = scroll

        period = QHBoxLayout()
        for widget in (self.kind, self.year, self.first_month, self.last_month, self.show_button):
            period.addWidget(widget)
        period.addStretch(1)
        actions = QHBoxLayout()
        for widget in (self.report_button, self.csv_button, self.facts_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Statistik"), 2))
        layout.addLayout(period)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(scroll, 1)
        # Only once it has a parent: a parentless widget made visible is a window of its own.
        self.facts_button.setVisible(can(user, Action.SET_STATISTICS_FACTS))
        self._kind_changed()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.show_button.clicked.connect(self.refresh)
        self.report_button.clicked.connect(self.annual_report)
        self.csv_button.clicked.connect(self.export_csv)
        self.facts_button.clicked.connect(self.edit_facts)

    def _kind_changed(self) -> None:
        months = self.kind.currentData() == "months"
        self.first_month.setVisible(months)
        self.last_month.setVisible(months)

    def period(self) -> Period:
        year, kind = self.year.value(), self.kind.currentData()
        if kind == "first_half":
            return Period.half(year, 1)
        if kind == "second_half":
            return Period.half(year, 2)
        if kind == "months":
            first, last = self.first_month.currentData(), self.last_month.currentData()
            return Period.months(year, min(first, last), max(first, last))
        return Period.year(year)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.page is None:
            self.refresh()

    def refresh(self) -> None:
        self.error.clear_message()
        period = self.period()
        self._runner.run(
            lambda: self._services.statistics.page(period),
            parent=self,
            success=self.show_page,
            failure=self.error.show_message,
        )

    def show_page(self, page: StatisticsPage) -> None:
        self.page = page
        # A new content widget, filled before it is shown, replaces the old one whole.
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(0, 0, 12, 0)
        self.status.setText(
            tr("{0}. Du kan öppna alla ärenden som räknas och ser exakta antal.").format(
                page.period_label
            )
            if page.exact
            else tr(
                "{0}. Antal från 1 till 4 visas som \u201d< 5\u201d (och fler celler döljs där "
                "en summa annars skulle avslöja dem), eftersom du inte kan öppna alla ärenden "
                "som räknas."
            ).format(page.period_label)
        )
        add = self.content_layout.addWidget
        add(heading(tr("Sammanfattning"), 3))
        add(styled_label(" ".join(page.summary)))
        figures = KeyFiguresSection(page.key_figures, page.population, page.year)
        figures.figure_chosen.connect(lambda row: self._cell_chosen("kolada", row, 0))
        add(figures)
        for table in page.tables:
            section = TableSection(table)
            section.cell_chosen.connect(self._cell_chosen)
            add(section)
        add(styled_label(page.rule_text, "muted"))
        self.content_layout.addStretch(1)
        self.scroll_area.setWidget(self.content)  # the old content is deleted

    def _cell_chosen(self, key: str, row: int, column: int) -> None:
        page = self.page
        if page is None:
            return
        ids = page.drill.get((key, row, column), ())
        title = tr("Ärenden bakom antalet")

        def show(lines: tuple[CaseLine, ...]) -> None:
            dialog = CasesDialog(title, lines, hidden=not page.exact, parent=self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open_case_requested.connect(self.open_case_requested)
            self.cases_dialog = dialog
            dialog.open()

        if not ids:
            show(())
            return
        self._runner.run(
            lambda: self._services.statistics.case_lines(ids),
            parent=self,
            success=show,
            failure=self.error.show_message,
        )

    def annual_report(self) -> None:
        period, statistics = self.period(), self._services.statistics
        self.printer.start(
            DocumentKind.STATISTICS_REPORT, lambda _to, _progress: statistics.annual_report(period)
        )

    def export_csv(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Exportera CSV"),
            tr(
                "Tabellerna sparas som en vanlig CSV-fil utanför det krypterade registret, med "
                "skyddade siffror (antal från 1 till 4 som \u201d< 5\u201d). Att du exporterar "
                "skrivs i loggen."
            ),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Save).setText(tr("Välj plats och spara…"))
        box.button(QMessageBox.StandardButton.Cancel).setText(tr("Avbryt"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(self._choose_csv)
        self.csv_box = box
        box.open()

    def _choose_csv(self) -> None:
        suggestion = str(documents_folder() / f"statistik-{self.year.value()}.csv")
        path, _filter = QFileDialog.getSaveFileName(
            self, tr("Spara statistik"), suggestion, tr("CSV-filer (*.csv)")
        )
        if path:
            self.save_csv(Path(path))

    def save_csv(self, path: Path) -> None:
        period = self.period()
        self._runner.run(
            lambda: self._services.statistics.save_csv(period, path),
            parent=self,
            failure=lambda message: show_error(self, message),
        )

    def edit_facts(self) -> None:
        edit_statistics_facts(
            self, self._services.statistics, self._runner, self.year.value(), self.refresh
        )
