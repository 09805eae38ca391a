"""Vem har sett mina ärenden? A handläggare's view of who else has opened, revealed, printed
or shared her cases (her own work is left out). Loads when first shown, reloads after changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.audit.model import COL_FLAG, COL_REVIEWED
from vinr_desktop.ui.audit.widgets import EventTable, PeriodFilter, delay_timer
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import heading, styled_label
from vinr_desktop.views.audit import AuditFilter


def tr(text: str) -> str:
    return QCoreApplication.translate("OwnCasesPage", text)


class OwnCasesLogPage(QWidget):
    """Vem har sett mina ärenden? Others' openings, reveals, prints and shares of her cases."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        *,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._audit = services.audit
        self._runner = runner
        self._opened = False
        self._dirty = False
        self.title = heading(tr("Vem har sett mina ärenden?"))
        self.intro = styled_label(
            tr(
                "Här ser du när någon annan än du har öppnat något av dina ärenden, visat "
                "skyddade uppgifter i det, skrivit ut eller sparat dokument ur det eller delat "
                "det – till exempel en kollega du har delat ärendet med, enhetschefen eller "
                "någon med nödåtkomst. Det du själv gör visas inte här. Ser du något som inte "
                "stämmer, tala med din enhetschef."
            ),
            "muted",
        )
        self.intro.setMaximumWidth(900)
        self.period = PeriodFilter(today())
        self.events = EventTable(
            runner,
            # Every row here is someone else's access, so "Utanför egna ärenden" says nothing.
            hidden=(COL_FLAG, COL_REVIEWED),
            highlight_unreviewed=False,
            count_flags=False,
            empty_text=tr("Ingen annan har öppnat eller använt dina ärenden under perioden."),
        )
        self._apply_timer = delay_timer(self)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(tr("Period:")))
        filters.addWidget(self.period)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 16)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(filters)
        layout.addWidget(self.events, 1)

        self.period.changed.connect(self._apply_timer.start)
        self._apply_timer.timeout.connect(self.apply_filter)
        runner.changed.connect(self._on_changed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._opened:
            self._opened = True
            self.apply_filter()
        elif self._dirty:
            self._dirty = False
            self.events.reload()

    def apply_filter(self) -> None:
        self._apply_timer.stop()
        if not self._opened:
            return
        problem = self.period.problem()
        if problem:
            self.events.show_nothing(problem)
            return
        wanted = AuditFilter(date_from=self.period.start(), date_to=self.period.end())
        audit = self._audit
        self.events.set_source(lambda offset, limit: audit.my_cases_log(wanted, offset, limit))

    def _on_changed(self, changes: object) -> None:
        if not self._opened or not isinstance(changes, (set, frozenset)):
            return
        if self.isVisible():
            self.events.reload()
        else:
            self._dirty = True
