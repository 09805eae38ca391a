"""The case overview's line about risk: the flag (with its reason) or the latest judgement and
the next assessment date, and a link to the Bedömningar tab. It loads `risk.status` itself."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from vinr_desktop.domain.instruments import RISK_LABELS
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import link_button
from vinr_desktop.views.risk import RiskStatus

SUMMARY_STYLE = """
QFrame#RiskSummary { background: #ffffff; border: 1px solid #c8d0da; border-radius: 6px; }
QFrame#RiskSummary[flagged="true"] { background: #fdecea; border-color: #e7b6b0; }
QLabel#RiskSummaryText[flagged="true"] { color: #8c1d18; font-weight: 600; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("RiskSummary", text)


def summary_text(status: RiskStatus) -> str:
    """'Bedömning saknas: …' when flagged, else the latest judgement and the next date."""
    if status.flagged:
        return tr("Bedömning saknas. {0}").format(status.flag_text)
    if status.latest_judgement is None:
        return tr("Ingen signerad riskbedömning.")
    text = tr("Senast bedömd risk: {0} ({1})").format(
        RISK_LABELS[status.latest_judgement], status.latest_signed_on or ""
    )
    if status.next_assessment_on:
        text += tr(". Nästa bedömning senast {0}").format(status.next_assessment_on)
    return text + "."


class RiskSummaryLine(QFrame):
    """One line with the case's risk situation and "Visa bedömningar"."""

    open_requested = Signal()

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RiskSummary")
        self.setStyleSheet(SUMMARY_STYLE)
        self._services, self._runner, self._case_id = services, runner, case_id
        self.status: RiskStatus | None = None
        self.text = QLabel(tr("Hämtas…"))
        self.text.setObjectName("RiskSummaryText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.link = link_button(tr("Visa bedömningar"))
        self.link.clicked.connect(self.open_requested)
        title = QLabel(tr("Riskbedömning"))
        title.setProperty("role", "h3")
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(title)
        column.addWidget(self.text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addLayout(column, 1)
        layout.addWidget(self.link, 0, Qt.AlignmentFlag.AlignTop)

    def refresh(self) -> None:
        risk, case_id = self._services.risk, self._case_id
        self._runner.run(
            lambda: risk.status(case_id),
            parent=self,
            success=self.show_status,
            failure=lambda _message: self.text.setText(tr("Riskbedömningen kunde inte hämtas.")),
        )

    def show_status(self, status: RiskStatus) -> None:
        self.status = status
        self.text.setText(summary_text(status))
        for widget in (self, self.text):
            widget.setProperty("flagged", status.flagged)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
