"""The case's signed assessments with one instrument side by side, item by item: each column
one assessment (oldest first), changed answers highlighted, risk answers in red, and the
support count and the judgement at the bottom. "Visa bara ändrade" hides the items that never
changed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.column_fit import keep_columns_in_view
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, styled_label
from vinr_desktop.ui.risk.dialogs import fit_to_screen
from vinr_desktop.views.risk import ComparisonView

CHANGED_BACKGROUND = "#fff0c2"
RISK_TEXT = "#b3261e"
SECTION_BACKGROUND = "#eef1f5"

QUESTION_MIN_WIDTH = 280


def tr(text: str) -> str:
    return QCoreApplication.translate("RiskCompare", text)


class ComparisonDialog(QDialog):
    """Loads `risk.compare` for one instrument and shows it as a table."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        instrument_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Jämför bedömningar"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.comparison: ComparisonView | None = None
        self.changed_rows: list[int] = []
        self.title = heading(tr("Jämför bedömningar"), 2)
        self.hint = styled_label(
            tr(
                "Ändrade svar jämfört med bedömningen före är markerade med gul bakgrund och "
                "fet stil; svar som räknas som risk är röda. Håll muspekaren över ett svar för "
                "kommentaren."
            ),
            "muted",
        )
        self.only_changed = QCheckBox(tr("Visa bara frågor där svaret ändrats"))
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        # The questions wrap: their rows are measured again when the column changes width.
        self.table.horizontalHeader().sectionResized.connect(self._question_width_changed)
        self.table.setAccessibleName(tr("Jämförelse per fråga"))
        self.error = ErrorLabel()
        close = QPushButton(tr("Stäng"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.only_changed)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        add_case_banner(self, case_id)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.only_changed.toggled.connect(self._filter)
        fit_to_screen(self, 1000, 680)
        risk = services.risk
        runner.run(
            lambda: risk.compare(case_id, instrument_id),
            parent=self,
            success=self.show_comparison,
            failure=self.error.show_message,
        )

    def show_comparison(self, view: ComparisonView) -> None:
        self.comparison = view
        self.title.setText(tr("Jämför bedömningar – {0}").format(view.instrument_name))
        table = self.table
        columns = len(view.columns)
        table.clear()
        table.setColumnCount(columns + 1)
        headers = [tr("Fråga")] + [
            f"{c.assessed_on}\n{tr('version')} {c.instrument_version}" for c in view.columns
        ]
        table.setHorizontalHeaderLabels(headers)
        rows: list[list[QTableWidgetItem]] = []
        spans: list[int] = []
        self.changed_rows = []
        section = None
        bold = QFont(table.font())
        bold.setBold(True)
        for row in view.rows:
            if row.section_title != section:
                section = row.section_title
                head = QTableWidgetItem(section)
                head.setFont(bold)
                head.setBackground(QBrush(QColor(SECTION_BACKGROUND)))
                spans.append(len(rows))
                rows.append([head])
            line = [QTableWidgetItem(row.text)]
            for cell in row.cells:
                item = QTableWidgetItem(cell.option_label or tr("(fanns inte i versionen)"))
                tip = [cell.comment] if cell.comment else []
                if cell.changed:
                    item.setBackground(QBrush(QColor(CHANGED_BACKGROUND)))
                    item.setFont(bold)
                    tip.insert(0, tr("Ändrat sedan bedömningen före."))
                if cell.risk:
                    item.setForeground(QBrush(QColor(RISK_TEXT)))
                if tip:
                    item.setToolTip("\n".join(tip))
                line.append(item)
            if row.changed:
                self.changed_rows.append(len(rows))
            rows.append(line)
        support = [QTableWidgetItem(tr("Stöd för bedömningen (ersätter inte bedömningen)"))]
        support += [QTableWidgetItem(text.replace("Stöd: ", "")) for text in view.supports]
        judgement = [QTableWidgetItem(tr("Bedömd risk"))]
        judgement += [QTableWidgetItem(c.judgement_label) for c in view.columns]
        for item in judgement:
            item.setFont(bold)
        rows += [support, judgement] if any(view.supports) else [judgement]
        table.setRowCount(len(rows))
        for r, line in enumerate(rows):
            for c, item in enumerate(line):
                table.setItem(r, c, item)
        for r in spans:
            table.setSpan(r, 0, 1, columns + 1)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, columns + 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        keep_columns_in_view(table, 0, QUESTION_MIN_WIDTH)
        table.resizeRowsToContents()
        self._spans = spans
        self._filter(self.only_changed.isChecked())

    def _question_width_changed(self, column: int, _old: int, _new: int) -> None:
        if column == 0:
            self.table.resizeRowsToContents()

    def _filter(self, only_changed: bool) -> None:
        if self.comparison is None:
            return
        keep = set(self.changed_rows)
        last = self.table.rowCount() - 1
        for r in range(self.table.rowCount()):
            hidden = only_changed and r not in keep and r not in self._spans and r < last - 1
            self.table.setRowHidden(r, hidden)

    def cell_text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
