"""Annans sekretess: record that a signed journal entry, or a passage of it, is about another
person's circumstances (a neighbour, a relative). The entry is not changed: who marked it,
when and under which OSL reference is saved beside it, and the partsinsyn copy leaves it out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QButtonGroup, QComboBox, QRadioButton, QWidget

from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.domain.insight import OslReference, Span
from vinr_desktop.services.insight.service import InsightService, MarkableEntry
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import ServiceDialog, text_edit
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label


def tr(text: str) -> str:
    return QCoreApplication.translate("Insight", text)


def reference_combo(references: tuple[OslReference, ...]) -> QComboBox:
    """The OSL references in force, "26 kap. 1 § OSL – Uppgift om …", their code as data."""
    combo = QComboBox()
    for reference in references:
        combo.addItem(f"{reference.label} – {reference.text}", reference.code)
        combo.setItemData(combo.count() - 1, reference.text, 3)  # tooltip
    combo.setMinimumContentsLength(28)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


class OthersSecretDialog(ServiceDialog):
    def __init__(
        self,
        insight: InsightService,
        runner: OperationRunner,
        case_id: str,
        entry: MarkableEntry,
        references: tuple[OslReference, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Uppgift om annan enskild"),
            tr("Markera"),
            tr("Markerar…"),
            runner,
            parent,
            changes=frozenset({"insight"}),
        )
        self.setMinimumWidth(560)
        self._insight, self._case_id, self._entry = insight, case_id, entry
        add_case_banner(self, case_id)
        self.text = text_edit(160)
        self.text.setReadOnly(True)
        self.text.setPlainText(entry.text)
        self.whole = QRadioButton(tr("Hela anteckningen"))
        self.passage = QRadioButton(tr("Bara det markerade stycket"))
        self.whole.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.whole)
        group.addButton(self.passage)
        self.reference = reference_combo(references)
        self.form.addRow(
            styled_label(
                tr(
                    "Anteckningen ändras inte. Att den rör någon annan sparas bredvid den, med "
                    "vem som markerade och när, och den lämnas inte ut vid partsinsyn."
                ),
                "muted",
            )
        )
        self.form.addRow(self.text)
        self.form.addRow(tr("Gäller"), self.whole)
        self.form.addRow("", self.passage)
        self.form.addRow(tr("Bestämmelse"), self.reference)

    def call(self) -> Callable[[], Any]:
        span = None
        if self.passage.isChecked():
            cursor = self.text.textCursor()
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            if start == end:
                message = tr("Markera först det stycke i anteckningen som rör någon annan.")

                def refuse() -> None:
                    raise InvalidInput(message)

                return refuse
            span = Span(start, end)
        insight, case_id, entry_id = self._insight, self._case_id, self._entry.entry_id
        code = str(self.reference.currentData())
        return lambda: insight.mark_others_secret(case_id, entry_id, span, code)
