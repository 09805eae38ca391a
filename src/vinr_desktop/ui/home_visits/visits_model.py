"""The table of a case's home visits."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from vinr_desktop.domain.home_visits import INCIDENT_LABELS, STATUS_LABELS
from vinr_desktop.ui.common.rows_model import RowsModel
from vinr_desktop.views.home_visits import VisitView
from vinr_desktop.views.time_text import clock_text, datetime_text


def tr(text: str) -> str:
    return QCoreApplication.translate("HomeVisits", text)


COL_WHEN, COL_STATUS, COL_BACK, COL_PLACE, COL_PURPOSE = range(5)
OVERDUE = QColor("#b3261e")


class VisitsModel(RowsModel[VisitView]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            (tr("Tid"), tr("Status"), tr("Tillbaka senast"), tr("Plats"), tr("Syfte")),
            lambda v: v.visit_id,
            parent,
        )

    def cell(self, row: VisitView, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_WHEN:
                return datetime_text(row.starts_utc)
            if column == COL_STATUS:
                text = STATUS_LABELS[row.status]
                if row.overdue:
                    return tr("Ej avslutat – ring din kollega")
                if row.incident is not None and row.incident.value != "none":
                    text += f" ({INCIDENT_LABELS[row.incident].lower()})"
                return text
            if column == COL_BACK:
                return clock_text(row.back_utc or row.expected_back_utc)
            if column == COL_PLACE:
                return row.address
            if column == COL_PURPOSE:
                return row.purpose
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue:
            return QBrush(OVERDUE)
        return None
