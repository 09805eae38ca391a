"""The Åtkomst tab of a case: "Vem har sett det här ärendet?" — every event on the case.

Loads when the tab is first shown (opening a case stays one audited read), and again after
any change while it is visible; a change while it is hidden is picked up when it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.audit.model import COL_CASE, COL_REVIEWED
from vinr_desktop.ui.audit.widgets import EventTable
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label

CASE_LOG_LIMIT = 1000  # newest events shown; the log review has them all


def tr(text: str) -> str:
    return QCoreApplication.translate("CaseAccessTab", text)


class CaseAccessTab(QWidget):
    """Who has opened, changed, revealed, printed or shared this case, newest first."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._audit = services.audit
        self._case_id = case_id
        self._loaded = False
        self._dirty = False
        self.intro = styled_label(
            tr(
                "Vem har sett det här ärendet? Här står varje gång någon har öppnat ärendet, "
                "ändrat i det, visat skyddade uppgifter, skrivit ut eller delat det – nyast "
                "först. Flaggade händelser granskas av enhetschefen i loggkontrollen."
            ),
            "muted",
        )
        self.intro.setMaximumWidth(900)
        self.events = EventTable(
            runner,
            hidden=(COL_CASE, COL_REVIEWED),
            highlight_unreviewed=False,
            count_flags=False,
            empty_text=tr("Inga händelser i ärendet ännu."),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addWidget(self.events, 1)
        runner.changed.connect(self._on_changed)

    @property
    def loaded(self) -> bool:
        return self._loaded

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            audit, case_id = self._audit, self._case_id
            self.events.set_source(
                lambda _offset, limit: audit.case_log(case_id, max(limit, CASE_LOG_LIMIT)),
                pageable=False,
            )
        elif self._dirty:
            self.reload()

    def reload(self) -> None:
        self._dirty = False
        self.events.reload()

    def _on_changed(self, _changes: object) -> None:
        if not self._loaded:
            return
        if self.isVisible():
            self.reload()
        else:
            self._dirty = True
