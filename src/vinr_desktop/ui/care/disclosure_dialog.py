"""Uppgifter till utföraren: the basis for giving a private provider the client's details —
her consent, or another ground the handläggare names. Documents for the provider need it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from vinr_desktop.domain.disclosure import BASIS_LABELS, DisclosureBasis
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.care.widgets import CARE_CHANGES
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import ServiceDialog, text_edit
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label
from vinr_desktop.views.care import DecisionView


def tr(text: str) -> str:
    return QCoreApplication.translate("DisclosureDialog", text)


class DisclosureDialog(ServiceDialog):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        decision: DecisionView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Uppgifter till utföraren"), tr("Spara"), tr("Sparar…"), runner, parent,
            changes=CARE_CHANGES,
        )  # fmt: skip
        self._services, self._case_id, self._decision = services, case_id, decision
        add_case_banner(self, case_id)
        self.basis = QComboBox()
        self.basis.addItem(tr("Välj grund…"), "")
        for basis in DisclosureBasis:
            self.basis.addItem(tr(BASIS_LABELS[basis]), basis.value)
        self.note = text_edit(80)
        self.note.setPlaceholderText(
            tr("När och hur samtycket gavs, eller vilken grund uppgifterna lämnas på")
        )
        self.form.addRow(tr("Utförare"), styled_label(decision.provider_name))
        self.form.addRow(tr("Grund"), self.basis)
        self.form.addRow(tr("Anteckning"), self.note)
        self.body.insertWidget(
            1,
            styled_label(
                tr("En enskild utförare står utanför myndigheten. Ange på vilken grund klientens "
                   "uppgifter lämnas till den; dokument till utföraren tas fram först då."),
                "muted",
            ),
        )  # fmt: skip

    def call(self) -> Callable[[], Any]:
        disclosure = self._services.care.disclosure
        case_id, decision_id = self._case_id, self._decision.decision_id
        code, note = str(self.basis.currentData() or ""), self.note.toPlainText()
        return lambda: disclosure.record(case_id, decision_id, code, note)
