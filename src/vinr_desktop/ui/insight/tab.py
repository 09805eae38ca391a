"""Partsinsyn, a tab of the case: the client's requests to read her file, a new request, the
review of a request's draft copy, and the copy for the client once the review is decided."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.documents.insight_builder import insight_service
from vinr_desktop.services.journal.events import today_for
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.common.document_print import DocumentPrinter
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.rows_model import RowsModel
from vinr_desktop.ui.common.widgets import ErrorLabel, primary_button, styled_label
from vinr_desktop.ui.insight.request_dialog import RequestDialog
from vinr_desktop.ui.insight.review_dialog import ReviewDialog
from vinr_desktop.views.insight import InsightRequestView


def tr(text: str) -> str:
    return QCoreApplication.translate("Insight", text)


class RequestsModel(RowsModel[InsightRequestView]):
    RECEIVED, REQUESTER, SCOPE, STATE = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [tr("Mottagen"), tr("Begärd av"), tr("Omfattning"), tr("Status")],
            lambda r: r.request_id,
            parent,
        )

    def cell(self, row: InsightRequestView, column: int, role: int) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.RECEIVED:
            return row.received_on
        if column == self.REQUESTER:
            return tr(row.requester_label)
        if column == self.SCOPE:
            return row.scope_text
        if row.decided and row.counts is not None:
            return tr("{0}: {1} lämnas ut, {2} med maskering, {3} lämnas inte ut").format(
                row.state_label, *row.counts
            )
        return row.state_label


class InsightTab(QWidget):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner, self._case_id = runner, case_id
        self.insight = insight_service(services.cases.ctx)
        self._today = today_for(services.cases.ctx)
        self.printer = DocumentPrinter(services.documents, runner, self)
        self.request_dialog: RequestDialog | None = None
        self.review_dialog: ReviewDialog | None = None
        self._may_handle = False  # read-only: requests are shown, not recorded or reviewed
        self.model = RequestsModel(self)
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
        self.new_button = primary_button(tr("Ny begäran…"))
        self.review_button = QPushButton(tr("Granska…"))
        self.copy_button = QPushButton(tr("Kopia till klienten…"))
        self.copy_button.setToolTip(tr("Följebrev och kopia ur akten, som PDF för klienten"))
        for button in (self.new_button, self.review_button, self.copy_button):
            button.setAutoDefault(False)
        self.error = ErrorLabel()
        self.hint = styled_label(
            tr(
                "Klienten, eller hennes ombud, har rätt att ta del av sin akt. Registrera "
                "begäran, granska varje del och lämna ut kopian. Det som inte lämnas ut är ett "
                "beslut hon kan överklaga."
            ),
            "muted",
        )
        buttons = QHBoxLayout()
        for button in (self.new_button, self.review_button, self.copy_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)

        self.new_button.clicked.connect(self.new_request)
        self.review_button.clicked.connect(self.review)
        self.copy_button.clicked.connect(self.make_copy)
        self.table.doubleClicked.connect(lambda _index: self.review())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        runner.changed.connect(self._changed)
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        insight, case_id = self.insight, self._case_id
        self._runner.run(
            lambda: (insight.requests(case_id), insight.may_handle(case_id)),
            parent=self,
            success=self._loaded,
            failure=self.error.show_message,
        )

    def _loaded(self, loaded: tuple[tuple[InsightRequestView, ...], bool]) -> None:
        rows, self._may_handle = loaded
        self._show(rows)

    def _changed(self, changes: object) -> None:
        if isinstance(changes, (set, frozenset)) and changes & {"insight", "cases"}:
            self.reload()

    def _show(self, rows: tuple[InsightRequestView, ...]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        row = self.model.row_of(chosen.request_id) if chosen is not None else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> InsightRequestView | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        request = self.selected()
        self.new_button.setEnabled(self._may_handle)
        self.review_button.setEnabled(
            self._may_handle and request is not None and not request.decided
        )
        self.copy_button.setEnabled(request is not None and request.decided)

    def new_request(self) -> None:
        dialog = RequestDialog(self.insight, self._runner, self._case_id, self._today, self)
        dialog.succeeded.connect(lambda request_id: self._open_review(str(request_id)))
        self.request_dialog = dialog
        dialog.open()

    def review(self) -> None:
        request = self.selected()
        if request is not None and not request.decided:
            self._open_review(request.request_id)

    def _open_review(self, request_id: str) -> None:
        dialog = ReviewDialog(self.insight, self._runner, self._case_id, request_id, self)
        dialog.decided.connect(lambda: self._copy_of(request_id))
        self.review_dialog = dialog
        dialog.open()

    def make_copy(self) -> None:
        request = self.selected()
        if request is not None and request.decided:
            self._copy_of(request.request_id)

    def _copy_of(self, request_id: str) -> None:
        self.printer.case_document(
            DocumentKind.INSIGHT_COPY, self._case_id, request_id, Recipient.CLIENT
        )


def add_insight_tab(
    panel: CasePanel, services: CaseWorkServices, runner: OperationRunner
) -> InsightTab:
    """The case's Partsinsyn tab, before Åtkomst."""
    tab = InsightTab(services, runner, panel.case_id)
    panel.tabs.insertTab(panel.tabs.indexOf(panel.access_tab), tab, tr("Partsinsyn"))
    return tab
