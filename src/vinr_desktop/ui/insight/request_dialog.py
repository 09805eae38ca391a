"""Ny begäran om partsinsyn: who asked (the client or her representative), when, and what the
request covers (the whole file or a period)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from vinr_desktop.domain.insight import REQUESTER_LABELS, Requester, RequestInput, Scope
from vinr_desktop.services.insight.service import InsightService
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import ServiceDialog, date_edit, date_of
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("Insight", text)


class RequestDialog(ServiceDialog):
    """Records the request; `succeeded` carries the new request's id."""

    def __init__(
        self,
        insight: InsightService,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Ny begäran om partsinsyn"),
            tr("Registrera begäran"),
            tr("Registrerar…"),
            runner,
            parent,
            changes=frozenset({"insight", "journal"}),
        )
        self._insight, self._case_id = insight, case_id
        add_case_banner(self, case_id)
        self.requester = QComboBox()
        for requester in Requester:
            self.requester.addItem(tr(REQUESTER_LABELS[requester]), requester.value)
        self.representative = QLineEdit()
        self.representative.setPlaceholderText(tr("Namn och byrå, t.ex. advokat på Exempelbyrån"))
        self.received = date_edit(today, maximum=today)
        self.whole = QRadioButton(tr("Hela akten"))
        self.period = QRadioButton(tr("En period"))
        self.whole.setChecked(True)
        scope = QButtonGroup(self)
        scope.addButton(self.whole)
        scope.addButton(self.period)
        self.period_from = date_edit(today, maximum=today)
        self.period_to = date_edit(today, maximum=today)
        scope_row = QHBoxLayout()
        for widget in (self.whole, self.period, self.period_from, QLabel("–"), self.period_to):
            scope_row.addWidget(widget)
        scope_row.addStretch(1)
        self.form.addRow(tr("Begärd av"), self.requester)
        self.form.addRow(tr("Ombud eller biträde"), self.representative)
        self.form.addRow(tr("Mottagen"), self.received)
        self.form.addRow(tr("Omfattning"), scope_row)
        self.form.addRow(
            styled_label(
                tr(
                    "Programmet tar fram ett utkast med allt i ärendet som rör klienten. Du "
                    "granskar sedan varje del innan något lämnas ut."
                ),
                "muted",
            )
        )
        self.requester.currentIndexChanged.connect(self._update)
        self.period.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.representative.setEnabled(self.requester.currentData() == Requester.REPRESENTATIVE)
        for edit in (self.period_from, self.period_to):
            edit.setEnabled(self.period.isChecked())

    def call(self) -> Callable[[], Any]:
        period = self.period.isChecked()
        data = RequestInput(
            requester=Requester(self.requester.currentData()),
            representative=self.representative.text() if self.representative.isEnabled() else "",
            received_on=date_of(self.received),
            scope=Scope.PERIOD if period else Scope.WHOLE,
            period_from=date_of(self.period_from) if period else None,
            period_to=date_of(self.period_to) if period else None,
        )
        insight, case_id = self._insight, self._case_id
        return lambda: insight.record_request(case_id, data)
