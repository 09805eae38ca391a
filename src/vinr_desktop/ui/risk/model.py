"""The case's assessments as a table model: date, instrument and version, about whom, the
judgement, draft or signed, and who made it. Drafts (only the user's own) come first."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from vinr_desktop.ui.common.rows_model import RowsModel
from vinr_desktop.views.risk import AssessmentSummary

COL_DATE = 0
COL_INSTRUMENT = 1
COL_PERSON = 2
COL_JUDGEMENT = 3
COL_STATUS = 4
COL_AUTHOR = 5

SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1


def tr(text: str) -> str:
    return QCoreApplication.translate("RiskModel", text)


class AssessmentListModel(RowsModel[AssessmentSummary]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            (
                tr("Datum"),
                tr("Instrument"),
                tr("Gäller"),
                tr("Bedömning"),
                tr("Status"),
                tr("Gjord av"),
            ),
            key=lambda summary: summary.assessment_id,
            parent=parent,
        )

    def cell(self, summary: AssessmentSummary, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == SUMMARY_ROLE:
            return summary
        if role == Qt.ItemDataRole.FontRole and column == COL_JUDGEMENT and summary.judgement:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_STATUS and summary.is_draft:
            return QColor("#8a5a00")
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_JUDGEMENT, COL_STATUS):
            if summary.is_draft:
                return tr("Utkast: bedömningen är inte signerad")
            return tr("Signerad {0} av {1}").format(summary.signed_on, summary.author)
        if role == Qt.ItemDataRole.ToolTipRole and column in (
            COL_INSTRUMENT,
            COL_PERSON,
            COL_AUTHOR,
        ):
            return self._display(summary, column)
        return None

    def _display(self, s: AssessmentSummary, column: int) -> str:
        if column == COL_DATE:
            return s.assessed_on or s.signed_on or ""
        if column == COL_INSTRUMENT:
            return tr("{0} (v{1})").format(s.instrument_name, s.instrument_version)
        if column == COL_PERSON:
            return s.person_name
        if column == COL_JUDGEMENT:
            if s.is_draft:
                return s.judgement_label and tr("({0}, utkast)").format(s.judgement_label)
            return s.judgement_label
        if column == COL_STATUS:
            return tr("Utkast") if s.is_draft else tr("Signerad")
        if column == COL_AUTHOR:
            return s.author
        return ""
