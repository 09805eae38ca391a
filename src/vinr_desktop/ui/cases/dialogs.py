"""Small dialogs of a case: close and reopen (each report's skyddsbedömning and
förhandsbedömning are in ui/cases/report_dialogs.py). Revealing a protected person's details is
ui/common/reveal_dialog.py; correcting a journal entry ui/journal/correction_dialog.py.

Each dialog checks nothing itself: OK sends what was typed to the service through the runner
and shows the service's Swedish message inline if it says no.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from vinr_desktop.services.cases.cases import closing_reasons
from vinr_desktop.services.cases.investigation_record import investigation_outcomes
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import ServiceDialog, text_edit
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseDialogs", text)


class CloseCaseDialog(ServiceDialog):
    """Avsluta ärende: a reason from the list, its detail if it asks for one, and a text."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
        *,
        investigation_running: bool = False,
    ) -> None:
        super().__init__(
            tr("Avsluta ärende"), tr("Avsluta ärendet"), tr("Avslutar…"), runner, parent
        )

        self._services, self._case_id = services, case_id
        add_case_banner(self, case_id)
        self._reasons = closing_reasons()
        self.reason = QComboBox()
        self.reason.addItem(tr("Välj avslutsorsak…"), "")
        for reason in self._reasons:
            self.reason.addItem(reason.label, reason.code)
        self.detail = QLineEdit()
        self.detail_label = QLabel()
        self.text = text_edit()
        self.text.setPlaceholderText(tr("Motivering: vad har gjorts och varför avslutas ärendet"))
        self.form.addRow(tr("Avslutsorsak"), self.reason)
        self.form.addRow(self.detail_label, self.detail)
        self.form.addRow(tr("Motivering"), self.text)
        # A closed case never keeps an open investigation: it ends today with this outcome.
        self.investigation_outcome = QComboBox()
        self.investigation_outcome.addItem(tr("Välj hur utredningen avslutades…"), "")
        for outcome in investigation_outcomes():
            self.investigation_outcome.addItem(outcome.label, outcome.code)
        self.form.addRow(tr("Utredningen pågår"), self.investigation_outcome)
        self.form.setRowVisible(self.investigation_outcome, investigation_running)
        self.body.insertWidget(
            1,
            styled_label(
                tr("Ett avslutat ärende kan bara läsas. Det kan återöppnas med ett skäl."), "muted"
            ),
        )
        self.reason.currentIndexChanged.connect(self._reason_changed)
        self._reason_changed()

    def _reason_changed(self) -> None:
        code = self.reason.currentData()
        reason = next((r for r in self._reasons if r.code == code), None)
        label = reason.detail_label if reason is not None else ""
        self.detail_label.setText(label)
        self.form.setRowVisible(self.detail, bool(label))

    def call(self) -> Callable[[], Any]:
        cases, case_id = self._services.cases, self._case_id
        code = str(self.reason.currentData() or "")
        detail = self.detail.text() if self.detail.isVisibleTo(self) else ""
        text = self.text.toPlainText()
        outcome = ""
        if self.investigation_outcome.isVisibleTo(self):
            outcome = str(self.investigation_outcome.currentData() or "")
        return lambda: cases.close(case_id, code, detail, text, outcome)


class ReopenDialog(ServiceDialog):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Återöppna ärende"), tr("Återöppna"), tr("Återöppnar…"), runner, parent)
        self._services, self._case_id = services, case_id
        add_case_banner(self, case_id)
        self.reason = text_edit(80)
        self.reason_hint = styled_label(tr("Skälet skrivs i ärendets journal."), "muted")
        self.form.addRow(tr("Skäl till att ärendet återöppnas"), self.reason)
        self.form.addRow("", self.reason_hint)

    def call(self) -> Callable[[], Any]:
        cases, case_id, reason = self._services.cases, self._case_id, self.reason.toPlainText()
        return lambda: cases.reopen(case_id, reason)
