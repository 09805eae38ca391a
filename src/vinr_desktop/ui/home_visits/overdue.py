"""Where home visits show outside their tab: the red line of a visit still open past its
expected time back (at every login, above every page), and the Hembesök tab in a case."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.home_visits.visits import HomeVisitService
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.home_visits.tab import HomeVisitsTab
from vinr_desktop.views.home_visits import OpenVisit
from vinr_desktop.views.time_text import datetime_text


def tr(text: str) -> str:
    return QCoreApplication.translate("HomeVisits", text)


class OverdueLine(QLabel):
    """ "Hembesök ej avslutat — ring din kollega": the program is offline and alerts no one,
    so it says what to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OverdueVisit")
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel#OverdueVisit { background: #fbe9e7; color: #b3261e; font-weight: 600; "
            "border: 1px solid #b3261e; border-radius: 4px; padding: 6px 10px; "
            "margin: 8px 20px 0 20px; }"
        )
        self.hide()

    def load(self, services: CaseWorkServices, runner: OperationRunner) -> None:
        visits = HomeVisitService(services.cases.ctx)
        runner.run(visits.overdue, parent=self, success=self.show_visits, failure=lambda _m: None)

    def show_visits(self, late: tuple[OpenVisit, ...]) -> None:
        if not late:
            self.hide()
            return
        since = datetime_text(min(v.expected_back_utc for v in late))
        self.setText(
            tr(
                "Hembesök ej avslutat – ring din kollega. Du skulle ha varit tillbaka {0}. "
                "Avsluta besöket under fliken Hembesök i ärendet."
            ).format(since)
        )
        self.show()


def add_home_visits_tab(
    panel: CasePanel, services: CaseWorkServices, runner: OperationRunner
) -> HomeVisitsTab:
    """The case's Hembesök tab, before Åtkomst."""
    tab = HomeVisitsTab(services, runner, panel.case_id)
    panel.tabs.insertTab(panel.tabs.indexOf(panel.access_tab), tab, tr("Hembesök"))
    return tab
