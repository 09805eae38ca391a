"""Klientens invändning: the client says a signed entry is wrong. Her view, in her words, is
signed as an entry of its own and shown with the entry; the entry itself is never changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QWidget

from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import ServiceDialog, date_edit, date_of, text_edit
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label
from vinr_desktop.views.cases import JournalEntryView


def tr(text: str) -> str:
    return QCoreApplication.translate("ObjectionDialog", text)


class ObjectionDialog(ServiceDialog):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        entry: JournalEntryView,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Klientens invändning"),
            tr("Signera invändningen"),
            tr("Signerar…"),
            runner,
            parent,
            changes=frozenset({"journal"}),
        )
        self.setMinimumWidth(560)
        self._services, self._case_id, self._entry = services, case_id, entry
        add_case_banner(self, case_id)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        original = text_edit(90)
        original.setPlainText(entry.text)
        original.setReadOnly(True)
        self.on = date_edit(today, today)
        self.text = text_edit(110)
        self.text.setPlaceholderText(tr("Vad klienten säger är fel, med hens egna ord"))
        self.form.addRow(tr("Anteckningen ({0})").format(entry.event_date), original)
        self.form.addRow(tr("Datum för invändningen"), self.on)
        self.form.addRow(tr("Klientens synpunkt"), self.text)
        self.body.insertWidget(
            1,
            styled_label(
                tr("Anteckningen ändras inte. Invändningen signeras och visas intill den."),
                "muted",
            ),
        )

    def call(self) -> Callable[[], Any]:
        journal, case_id, entry_id = self._services.journal, self._case_id, self._entry.entry_id
        on, text = date_of(self.on), self.text.toPlainText()
        return lambda: journal.record_objection(case_id, entry_id, on, text)
