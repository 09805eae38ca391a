"""Avsluta insats: end a running insats before its period is over, with a reason and a text.

Whether the client agrees is asked every time: an end against her wish is a decision of its own
that she can appeal, so the reasons for it are written and it is signed as such.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QButtonGroup, QComboBox, QRadioButton, QVBoxLayout, QWidget

from vinr_desktop.domain.errors import InvalidInput
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
    """The end date (today by default; the period's last day when it is already over), a
    closing reason from the list and a comment."""

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
        # A period already over ("avslutad utan skäl"): the ending is dated back, at the latest
        # to the period's last day.
        last = date.fromisoformat(decision.period_to) if decision.period_to else today
        latest = min(today, last)
        self.ended_on = plain_date_edit(latest)
        self.ended_on.setMaximumDate(qdate(latest))
        self.reason = QComboBox()
        self.reason.addItem(tr("Välj orsak…"), "")
        for code, label in reasons:
            self.reason.addItem(label, code)
        self.text = text_edit(90)
        self.text.setPlaceholderText(tr("Vad har hänt och varför avslutas insatsen"))
        self.agreed = QRadioButton(tr("Ja, klienten är enig"))
        self.not_agreed = QRadioButton(tr("Nej: avslutet är ett beslut som kan överklagas"))
        self._agreement = QButtonGroup(self)
        agreement = QWidget()
        agreement_box = QVBoxLayout(agreement)
        agreement_box.setContentsMargins(0, 0, 0, 0)
        for button in (self.agreed, self.not_agreed):
            self._agreement.addButton(button)
            agreement_box.addWidget(button)
        self.decision_reasons = text_edit(70)
        self.decision_reasons.setPlaceholderText(
            tr("Skälen för beslutet att avsluta insatsen mot klientens önskan")
        )
        self.form.addRow(
            tr("Insats"), styled_label(f"{decision.insats_label}, {decision.period_text}")
        )
        self.form.addRow(tr("Avslutas"), self.ended_on)
        self.form.addRow(tr("Orsak"), self.reason)
        self.form.addRow(tr("Kommentar"), self.text)
        self.form.addRow(tr("Vill klienten avsluta?"), agreement)
        self.form.addRow(tr("Skäl för beslutet"), self.decision_reasons)
        self.form.setRowVisible(self.decision_reasons, False)
        self.not_agreed.toggled.connect(
            lambda on: self.form.setRowVisible(self.decision_reasons, on)
        )
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
        if not self.agreed.isChecked() and not self.not_agreed.isChecked():
            return _refuse(tr("Ange om klienten vill att insatsen avslutas."))
        agreed, reasons = self.agreed.isChecked(), self.decision_reasons.toPlainText()
        return lambda: decisions.end_insats(
            case_id,
            decision_id,
            ended_on,
            code,
            text,
            client_agreed=agreed,
            decision_reasons=reasons,
        )


def _refuse(message: str) -> Callable[[], Any]:
    def call() -> Any:
        raise InvalidInput(message)

    return call
