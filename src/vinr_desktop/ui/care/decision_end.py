"""Avsluta insats: end a running insats before its period is over, with a reason and a text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.care.widgets import CARE_CHANGES, plain_date_edit, pydate, qdate
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import ServiceDialog, text_edit
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label
from vinr_desktop.views.care import DecisionView


def tr(text: str) -> str:
    return QCoreApplication.translate("DecisionEnd", text)


class EndInsatsDialog(ServiceDialog):
    """The end date (today by default), a closing reason from the list and a comment."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        decision: DecisionView,
        reasons: tuple[tuple[str, str], ...],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Avsluta insats"),
            tr("Avsluta insatsen"),
            tr("Avslutar…"),
            runner,
            parent,
            changes=CARE_CHANGES,
        )
        self._services, self._case_id, self._decision = services, case_id, decision
        add_case_banner(self, case_id)
        self.ended_on = plain_date_edit(today)
        self.ended_on.setMaximumDate(qdate(today))
        self.reason = QComboBox()
        self.reason.addItem(tr("Välj orsak…"), "")
        for code, label in reasons:
            self.reason.addItem(label, code)
        self.text = text_edit(90)
        self.text.setPlaceholderText(tr("Vad har hänt och varför avslutas insatsen"))
        self.form.addRow(
            tr("Insats"), styled_label(f"{decision.insats_label}, {decision.period_text}")
        )
        self.form.addRow(tr("Avslutas"), self.ended_on)
        self.form.addRow(tr("Orsak"), self.reason)
        self.form.addRow(tr("Kommentar"), self.text)
        self.body.insertWidget(
            1, styled_label(tr("Avslutet skrivs i journalen och kan inte ångras."), "muted")
        )

    def call(self) -> Callable[[], Any]:
        decisions = self._services.care.decisions
        case_id, decision_id = self._case_id, self._decision.decision_id
        ended_on, code, text = (
            pydate(self.ended_on.date()),
            str(self.reason.currentData() or ""),
            self.text.toPlainText(),
        )
        return lambda: decisions.end_insats(case_id, decision_id, ended_on, code, text)
