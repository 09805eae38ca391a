"""The egenkontroll as a Qt table model: one row per case of the sample and a totals row last;
a column per question. Each cell says its answer in words and in a soft colour (never colour
alone) and carries the detail as its tooltip."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from vinr_desktop.domain.compliance import ANSWER_LABELS, QUESTION_LABELS, Answer, Question
from vinr_desktop.ui.common.rows_model import RowsModel
from vinr_desktop.views.compliance import ComplianceRow, ComplianceTable, QuestionTotal

COL_CASE = 0
QUESTIONS = tuple(Question)
CASE_ROLE = Qt.ItemDataRole.UserRole + 1  # the case id, None for a case not to be opened
ANSWER_ROLE = Qt.ItemDataRole.UserRole + 2

ANSWER_FILL: dict[Answer, QColor] = {
    Answer.JA: QColor("#e3f2e6"),
    Answer.NEJ: QColor("#fbe3e0"),
    Answer.DELVIS: QColor("#fdf1d3"),
    Answer.PAGAENDE: QColor("#e4edf9"),
    Answer.ET: QColor("#f1f2f4"),
}
ANSWER_INK: dict[Answer, QColor] = {
    Answer.JA: QColor("#1e6b3a"),
    Answer.NEJ: QColor("#8c1d18"),
    Answer.DELVIS: QColor("#7a5200"),
    Answer.PAGAENDE: QColor("#1f4e8c"),
    Answer.ET: QColor("#5a6270"),
}
SHORT_TEXT: dict[Answer, str] = {
    Answer.JA: "Ja",
    Answer.NEJ: "Nej",
    Answer.DELVIS: "Delvis",
    Answer.PAGAENDE: "Pågår",
    Answer.ET: "ET",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("ComplianceModel", text)


@dataclass(frozen=True)
class TotalsRow:
    totals: tuple[QuestionTotal, ...]
    label: str = "Summa"


Line = ComplianceRow | TotalsRow


def _key(line: Line) -> str:
    if isinstance(line, TotalsRow):
        return "\0totals"
    return line.case_id or line.label


class ComplianceModel(RowsModel[Line]):
    def __init__(self, parent: QWidget | None = None) -> None:
        headers = [tr("Ärende"), *(q.value for q in QUESTIONS)]
        super().__init__(headers, _key, parent)

    def show_table(self, table: ComplianceTable) -> None:
        lines: list[Line] = list(table.rows)
        if table.rows:
            lines.append(TotalsRow(table.totals, tr("Ja av tillämpliga")))
        self.set_rows(lines)

    def header_tooltip(self, section: int) -> str | None:
        if section == COL_CASE:
            return None
        question = QUESTIONS[section - 1]
        return f"{question.value}: {tr(QUESTION_LABELS[question])}"

    def cell(self, row: Line, column: int, role: int) -> object:
        if isinstance(row, TotalsRow):
            return self._total_cell(row, column, role)
        if column == COL_CASE:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.label
            if role == CASE_ROLE:
                return row.case_id
            if role == Qt.ItemDataRole.ToolTipRole and row.case_id is None:
                return tr("Du har inte behörighet att öppna ärendet. Det räknas i summorna.")
            return None
        cell = row.cells[column - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(SHORT_TEXT[cell.answer])
        if role == Qt.ItemDataRole.BackgroundRole:
            return ANSWER_FILL[cell.answer]
        if role == Qt.ItemDataRole.ForegroundRole:
            return ANSWER_INK[cell.answer]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            question = QUESTIONS[column - 1]
            words = f"{tr(QUESTION_LABELS[question])}: {tr(ANSWER_LABELS[cell.answer])}"
            return f"{words}\n{cell.detail}" if cell.detail else words
        if role == ANSWER_ROLE:
            return cell.answer.value
        if role == CASE_ROLE:
            return row.case_id
        return None

    def _total_cell(self, row: TotalsRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if column == COL_CASE:
            return row.label if role == Qt.ItemDataRole.DisplayRole else None
        total = row.totals[column - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{total.count(Answer.JA)}/{total.applicable}" if total.applicable else "–"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            counts = ", ".join(
                f"{tr(ANSWER_LABELS[a])} {total.count(a)}" for a in Answer if total.count(a)
            )
            return f"{total.text()}\n{counts}"
        return None
