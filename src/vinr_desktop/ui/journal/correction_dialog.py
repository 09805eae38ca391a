"""Rätta: a signed journal entry corrected by a new signed entry, the old text kept readable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from vinr_desktop.domain.journal import EntryDraft
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import ServiceDialog, text_edit
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label
from vinr_desktop.views.cases import JournalEntryView


def tr(text: str) -> str:
    return QCoreApplication.translate("CorrectionDialog", text)


class CorrectionDialog(ServiceDialog):
    """Rätta: the original read-only, the new text (prefilled with the old one) and a reason."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        original: JournalEntryView,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Rätta anteckning"),
            tr("Signera rättelsen"),
            tr("Signerar…"),
            runner,
            parent,
            changes=frozenset({"journal"}),
        )
        self.setMinimumWidth(620)
        self._services, self._case_id, self._original = services, case_id, original
        add_case_banner(self, case_id)
        self._today = today
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.original_text = text_edit(100)
        self.original_text.setPlainText(original.text)
        self.original_text.setReadOnly(True)
        self.new_text = text_edit(140)
        self.new_text.setPlainText(original.text)
        self.reason = QLineEdit()
        self.form.addRow(
            tr("Ursprunglig anteckning ({0})").format(original.event_date), self.original_text
        )
        self.form.addRow(tr("Rättad text"), self.new_text)
        self.form.addRow(tr("Skäl till rättelsen"), self.reason)
        self.body.insertWidget(
            1,
            styled_label(
                tr(
                    "Rättelsen blir en ny signerad anteckning. Den ursprungliga texten finns kvar, "
                    "överstruken."
                ),
                "muted",
            ),
        )

    def call(self) -> Callable[[], Any]:
        journal, case_id, original = self._services.journal, self._case_id, self._original
        event_date = date.fromisoformat(original.event_date)
        draft = EntryDraft(
            event_date=min(event_date, self._today),
            kind=original.kind,
            source=original.source,
            source_detail=original.source_detail,
            text=self.new_text.toPlainText(),
        )
        reason = self.reason.text()
        return lambda: journal.correct(case_id, original.entry_id, reason, draft)
