"""The journal's action on a signed entry: mark it as the case's risk and protection assessment
(egenkontroll K3), or withdraw the mark. In the timeline's context menu (right-click, or the
menu key); the service records, journals and audits it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from vinr_desktop.domain.journal import EntryKind
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.views.cases import JournalEntryView


def tr(text: str) -> str:
    return QCoreApplication.translate("AssessmentMark", text)


class AssessmentMarks(QObject):
    """Which of the case's entries are marked, and the action that toggles one."""

    changed = Signal(int)  # the entry marked or unmarked
    failed = Signal(str)

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._services, self._runner, self._case_id, self._parent = (
            services,
            runner,
            case_id,
            parent,
        )
        self.marked: frozenset[int] = frozenset()

    def refresh(self) -> None:
        marks, case_id = self._services.assessment_marks, self._case_id
        self._runner.run(
            lambda: marks.marked_entries(case_id), parent=self._parent, success=self._loaded
        )

    def _loaded(self, marked: frozenset[int]) -> None:
        self.marked = marked

    def action_for(self, entry: JournalEntryView | None, writable: bool) -> QAction | None:
        """The menu action for `entry`, or None where it cannot be marked."""
        if entry is None or not writable or entry.is_draft or entry.kind is EntryKind.EVENT:
            return None
        marked = entry.entry_id in self.marked
        text = (
            tr("Ta bort markeringen som risk- och skyddsbedömning")
            if marked
            else tr("Markera som ärendets risk- och skyddsbedömning")
        )
        action = QAction(text, self._parent)
        action.setToolTip(tr("Räknas i egenkontrollen (K3). Skrivs i journalen och loggen."))
        action.triggered.connect(lambda: self.toggle(entry.entry_id, mark=not marked))
        return action

    def toggle(self, entry_id: int, *, mark: bool) -> None:
        marks, case_id = self._services.assessment_marks, self._case_id
        call = marks.mark if mark else marks.unmark
        self._runner.run(
            lambda: call(case_id, entry_id),
            parent=self._parent,
            success=lambda _result: self.changed.emit(entry_id),
            failure=self.failed.emit,
            changes={"journal", "audit"},
        )
