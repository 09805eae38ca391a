"""Small dialogs of a case: close, reopen, and the two child steps (skyddsbedömning,
förhandsbedömning). Revealing a protected person's details is ui/common/reveal_dialog.py;
correcting a journal entry ui/journal/correction_dialog.py.

Each dialog checks nothing itself: OK sends what was typed to the service through the runner
and shows the service's Swedish message inline if it says no.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from vinr_desktop.domain.cases import PRELIMINARY_LABELS, PreliminaryOutcome
from vinr_desktop.services.cases.cases import closing_reasons
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import ServiceDialog, date_edit, date_of, text_edit
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
        return lambda: cases.close(case_id, code, detail, text)


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


class ProtectionAssessmentDialog(ServiceDialog):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Registrera skyddsbedömning"), tr("Registrera"), tr("Sparar…"), runner, parent
        )
        self._services, self._case_id = services, case_id
        add_case_banner(self, case_id)
        self.on = date_edit(today, today)
        self.needed = QCheckBox(tr("Barnet har ett omedelbart skyddsbehov"))
        self.note = text_edit(80)
        self.form.addRow(tr("Datum"), self.on)
        self.form.addRow("", self.needed)
        self.form.addRow(tr("Kommentar"), self.note)

    def call(self) -> Callable[[], Any]:
        cases, case_id = self._services.cases, self._case_id
        on, needed, note = date_of(self.on), self.needed.isChecked(), self.note.toPlainText()
        return lambda: cases.record_protection_assessment(case_id, on, needed, note)


class PreliminaryAssessmentDialog(ServiceDialog):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Registrera förhandsbedömning"), tr("Registrera"), tr("Sparar…"), runner, parent
        )
        self._services, self._case_id = services, case_id
        add_case_banner(self, case_id)
        self.on = date_edit(today, today)
        self.outcome = QComboBox()
        for outcome, label in PRELIMINARY_LABELS.items():
            self.outcome.addItem(label, outcome.value)
        self.note = text_edit(90)
        self.form.addRow(tr("Beslutsdatum"), self.on)
        self.form.addRow(tr("Beslut"), self.outcome)
        self.form.addRow(tr("Motivering"), self.note)

    def call(self) -> Callable[[], Any]:
        cases, case_id = self._services.cases, self._case_id
        on, note = date_of(self.on), self.note.toPlainText()
        outcome = PreliminaryOutcome(self.outcome.currentData())
        return lambda: cases.record_preliminary_assessment(case_id, on, outcome, note)
