"""The parts of the Statistik page: one section per table (its title, bar chart and numbers),
the Kolada key figures with their definitions, the list of cases behind a cell, and the form
for the facts beside the register (adult population per year, municipality code)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.ui.common.widgets import (
    heading,
    styled_label,
)
from vinr_desktop.ui.statistics.chart import BarChart
from vinr_desktop.views.statistics import CaseLine, KeyFigureView, TableView, table_rows

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def tr(text: str) -> str:
    return QCoreApplication.translate("Statistics", text)


class FitTable(QTableWidget):
    """A table shown whole, without its own scroll bar (the page scrolls): its rows fit their
    wrapped text again whenever its width changes."""

    def fit(self) -> None:
        self.resizeRowsToContents()
        height = self.horizontalHeader().sizeHint().height() + 4
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.fit()


def _fixed_height(table: FitTable) -> None:
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.fit()


def _table_widget(headers: list[str]) -> FitTable:
    table = FitTable(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


class TableSection(QWidget):
    """One table: title, chart, numbers; a double-click on a count asks for its cases. Rows
    with nothing counted are left out (said below the table); a hidden count keeps its row."""

    cell_chosen = Signal(str, int, int)  # table key, row, column

    def __init__(self, view: TableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.chart = BarChart()
        self.chart.set_table(view)
        head, *rows = table_rows(view)
        head[0] = ""
        counted = len(view.row_labels)
        # The view's row behind each row shown (None: the totals row).
        self.rows: list[int | None] = [
            r for r in range(counted) if any(v != 0 for v in view.values[r])
        ]
        self.rows += [None] * (len(rows) - counted)
        self.table = _table_widget(head)
        self.table.setAccessibleName(view.title)
        self.table.setRowCount(len(self.rows))
        for shown, r in enumerate(self.rows):
            row = rows[r] if r is not None else rows[counted + shown - self.rows.index(None)]
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(RIGHT)
                total_column = view.row_totals is not None and c > len(view.column_codes)
                if r is None or total_column:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(shown, c, item)
        _fixed_height(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.addWidget(heading(view.title, 3))
        layout.addWidget(self.chart)
        layout.addWidget(self.table)
        notes = [view.note] if view.note else []
        if len(self.rows) - self.rows.count(None) < counted:
            notes.append(tr("Rader utan något att räkna visas inte."))
        if notes:
            layout.addWidget(styled_label(" ".join(notes), "muted"))
        self.table.cellDoubleClicked.connect(self._chosen)

    def _chosen(self, row: int, column: int) -> None:
        r = self.rows[row] if 0 <= row < len(self.rows) else None
        if r is not None and 1 <= column <= len(self.view.column_codes):
            self.cell_chosen.emit(self.view.key, r, column - 1)


class KeyFiguresSection(QWidget):
    """The three Kolada figures, each with the definition the program used."""

    figure_chosen = Signal(int)

    def __init__(
        self, figures: tuple[KeyFigureView, ...], population: int | None, year: int
    ) -> None:
        super().__init__()
        headers = [tr("Nyckeltal"), tr("Antal"), tr("Per 10 000 vuxna"), tr("Definition")]
        self.table = _table_widget(headers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(tr("Nyckeltal för våld mot vuxna (Kolada)"))
        self.table.setRowCount(len(figures))
        for r, f in enumerate(figures):
            cells = (f"{r + 1}. {f.title}", f.count_text(), f.rate_text(), f.definition)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f.definition)
                if c in (1, 2):
                    item.setTextAlignment(RIGHT)
                self.table.setItem(r, c, item)
        self.table.setColumnWidth(0, 260)
        _fixed_height(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        layout.addWidget(heading(tr("Nyckeltal för våld mot vuxna (Kolada) {0}").format(year), 3))
        if population is None:
            layout.addWidget(
                styled_label(
                    tr("Antalet vuxna invånare för året är inte angivet: per 10 000 visas som –."),
                    "muted",
                )
            )
        layout.addWidget(self.table)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.figure_chosen.emit(row))


class CasesDialog(QDialog):
    """The cases behind a cell that the user may open; a double-click opens one."""

    open_case_requested = Signal(str)

    def __init__(self, title: str, lines: tuple[CaseLine, ...], hidden: bool, parent: QWidget):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.list = QListWidget()
        for line in lines:
            item = QListWidgetItem(f"{line.number}  {line.main_person}")
            item.setData(Qt.ItemDataRole.UserRole, line.case_id)
            self.list.addItem(item)
        close = QPushButton(tr("Stäng"))
        close.setAutoDefault(False)
        layout = QVBoxLayout(self)
        if not lines:
            layout.addWidget(styled_label(tr("Inga ärenden här som du har behörighet att öppna.")))
        layout.addWidget(self.list)
        if hidden:
            layout.addWidget(
                styled_label(tr("Ärenden som du inte har behörighet till visas inte."), "muted")
            )
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(420, 320)
        close.clicked.connect(self.reject)
        self.list.itemActivated.connect(self._open)

    def _open(self, item: QListWidgetItem) -> None:
        self.open_case_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()
