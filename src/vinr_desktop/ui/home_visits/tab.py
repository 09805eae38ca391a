"""Hembesök, a tab of the case: the case's visits, planning one, its besöksplan for the
colleague at the office, starting it (the visit mode) and checking out."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.home_visits import VisitStatus
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.home_visits.visits import HomeVisitService
from vinr_desktop.ui.common.document_print import DocumentPrinter
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, primary_button, styled_label
from vinr_desktop.ui.home_visits.finish_dialog import FinishVisitDialog
from vinr_desktop.ui.home_visits.plan_dialog import PlanVisitDialog
from vinr_desktop.ui.home_visits.visits_model import VisitsModel
from vinr_desktop.views.home_visits import OpenVisit, VisitView


def tr(text: str) -> str:
    return QCoreApplication.translate("HomeVisits", text)


class HomeVisitsTab(QWidget):
    started = Signal(object)  # OpenVisit: the visit mode is on
    finished = Signal()  # the visit was checked out: the visit mode is off

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner, self._case_id = runner, case_id
        self.visits = HomeVisitService(services.cases.ctx)
        self.printer = DocumentPrinter(services.documents, runner, self)
        self.plan_dialog: PlanVisitDialog | None = None
        self.finish_dialog: FinishVisitDialog | None = None
        self.model = VisitsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column in range(self.model.columnCount() - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.plan_button = primary_button(tr("Planera hembesök…"))
        self.print_button = QPushButton(tr("Besöksplan…"))
        self.print_button.setToolTip(tr("Skriv ut besöksplanen för kollegan på kontoret"))
        self.start_button = QPushButton(tr("Påbörja besöket"))
        self.start_button.setToolTip(
            tr("Hembesöksläge: bara det här ärendet går att nå tills du avslutar besöket")
        )
        self.finish_button = QPushButton(tr("Avsluta besöket…"))
        for button in (self.plan_button, self.print_button, self.start_button, self.finish_button):
            button.setAutoDefault(False)
        self.error = ErrorLabel()
        self.hint = styled_label(
            tr(
                "Planera besöket före avfärd och skriv ut besöksplanen till kollegan som är kvar "
                "på kontoret. Programmet arbetar utan nät och larmar ingen."
            ),
            "muted",
        )
        buttons = QHBoxLayout()
        for button in (self.plan_button, self.print_button, self.start_button, self.finish_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)

        self.plan_button.clicked.connect(self.plan)
        self.print_button.clicked.connect(self.print_plan)
        self.start_button.clicked.connect(self.start)
        self.finish_button.clicked.connect(self.finish)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        runner.changed.connect(self._changed)
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        visits, case_id = self.visits, self._case_id
        self._runner.run(
            lambda: visits.visits(case_id),
            parent=self,
            success=self._show,
            failure=self.error.show_message,
        )

    def _changed(self, changes: object) -> None:
        if isinstance(changes, (set, frozenset)) and "home_visits" in changes:
            self.reload()

    def _show(self, rows: tuple[VisitView, ...]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        row = self.model.row_of(chosen.visit_id) if chosen is not None else -1
        if row < 0 and rows:
            row = next((i for i, v in enumerate(rows) if v.status is VisitStatus.STARTED), 0)
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> VisitView | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        visit = self.selected()
        open_ = visit is not None and visit.mine
        self.print_button.setEnabled(visit is not None)
        self.start_button.setEnabled(
            open_ and visit is not None and visit.status is VisitStatus.PLANNED
        )
        self.finish_button.setEnabled(
            open_
            and visit is not None
            and visit.status in (VisitStatus.PLANNED, VisitStatus.STARTED)
        )

    def plan(self) -> None:
        visits, case_id = self.visits, self._case_id
        self._runner.run(
            lambda: visits.address_hidden(case_id),
            parent=self,
            success=self._open_plan,
            failure=self.error.show_message,
        )

    def _open_plan(self, hidden: bool) -> None:
        dialog = PlanVisitDialog(
            self.visits,
            self._runner,
            self._case_id,
            self.visits.risk_questions(),
            address_hidden=hidden,
            parent=self,
        )
        self.plan_dialog = dialog
        dialog.open()

    def print_plan(self) -> None:
        visit = self.selected()
        if visit is not None:
            self.printer.case_document(
                DocumentKind.VISIT_PLAN, self._case_id, visit.visit_id, Recipient.COLLEAGUE
            )

    def start(self) -> None:
        visit = self.selected()
        if visit is None:
            return
        visits, case_id, visit_id = self.visits, self._case_id, visit.visit_id
        self._runner.run(
            lambda: visits.start(case_id, visit_id),
            parent=self,
            success=self._started,
            failure=self.error.show_message,
            changes=frozenset({"home_visits"}),
        )

    def _started(self, opened: OpenVisit) -> None:
        self.started.emit(opened)

    def finish(self) -> None:
        visit = self.selected()
        if visit is None:
            return
        dialog = FinishVisitDialog(
            self.visits, self._runner, self._case_id, visit.visit_id, parent=self
        )
        dialog.succeeded.connect(lambda _entry: self.finished.emit())
        self.finish_dialog = dialog
        dialog.open()
