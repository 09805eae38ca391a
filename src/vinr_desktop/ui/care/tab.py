"""The case's Insatser tab: its decisions and insatser in a table, the selected one in full
below (vårdplan, genomförandeplan, follow-ups, egenkontroll), and "Nytt beslut…".

The tab reads nothing until it is first shown (the case's opening is audited first by the case
view), then reloads itself when care data, the journal or cases change. Reading is one runner
call for the list and one for the selected insats's details.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.decisions import InsatsState
from vinr_desktop.domain.persons import PersonRole
from vinr_desktop.domain.plurals import by_count
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.care.actions import CareActions
from vinr_desktop.ui.care.decision_children import CaseChild
from vinr_desktop.ui.care.insats_panel import InsatsDetail, InsatsPanel
from vinr_desktop.ui.care.widgets import CARE_STYLE
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, styled_label
from vinr_desktop.views.care import CareSettings, InsatsOverview

COLUMNS = ("Insats", "Utförare", "Period", "Beslut", "Status")
COL_STATUS = 4
VISIBLE_ROWS = 4
RELOAD_ON = frozenset({"care", "journal", "cases", "providers"})


def tr(text: str) -> str:
    return QCoreApplication.translate("CareTab", text)


@dataclass(frozen=True)
class CareSnapshot:
    insatser: tuple[InsatsOverview, ...]
    settings: CareSettings
    children: tuple[CaseChild, ...]
    writable: bool


def load_snapshot(services: CaseWorkServices, case_id: str) -> CareSnapshot:
    """The tab's list: every decision with its state, the settings and the case's children."""
    details = services.cases.details(case_id)
    return CareSnapshot(
        services.care.overview.insatser(case_id),
        services.care.overview.settings(),
        tuple(
            CaseChild(p.person_id, p.name) for p in details.persons if p.role is PersonRole.CHILD
        ),
        details.writable,
    )


def load_detail(services: CaseWorkServices, case_id: str, item: InsatsOverview) -> InsatsDetail:
    decision_id = item.decision.decision_id
    letters = services.letters.state(case_id, decision_id)
    if not item.decision.is_insats:
        return InsatsDetail(None, (), letters)
    return InsatsDetail(
        services.care.implementation_plans.get(case_id, decision_id),
        services.care.follow_ups.list_follow_ups(case_id, decision_id),
        letters,
    )


class CareTab(QWidget):
    """Insatser: decisions, plans and follow-ups of one case."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(CARE_STYLE)
        self._services, self._runner, self._case_id = services, runner, case_id
        self.snapshot: CareSnapshot | None = None
        self.detail: InsatsDetail | None = None
        self._loaded_once = False
        self.care_actions = CareActions(services, runner, case_id, today, self)

        self.new_button = QPushButton(tr("Nytt beslut…"))
        self.new_button.setToolTip(tr("Registrera en ansökan eller ett beslut om insats"))
        self.new_button.setAutoDefault(False)
        self.summary = styled_label("", "muted")
        self.error = ErrorLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = styled_label(
            tr('Inga beslut ännu. Registrera en ansökan eller ett beslut med "Nytt beslut…".'),
            "muted",
        )
        self.panel = InsatsPanel(self.care_actions)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.panel)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.new_button)
        upper = QWidget()
        upper_box = QVBoxLayout(upper)
        upper_box.setContentsMargins(0, 0, 0, 0)
        upper_box.addLayout(top)
        upper_box.addWidget(self.error)
        upper_box.addWidget(self.empty_label)
        upper_box.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(upper)
        layout.addWidget(scroll, 1)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        self.new_button.clicked.connect(self.care_actions.new_decision)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _item: self._open_selected())
        runner.changed.connect(self._changed)

    # -- loading -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.reload()

    def _changed(self, changes: object) -> None:
        if self._loaded_once and isinstance(changes, (set, frozenset)) and changes & RELOAD_ON:
            self._reload_timer.start()

    def reload(self) -> None:
        services, case_id = self._services, self._case_id
        self._runner.run(
            lambda: load_snapshot(services, case_id),
            parent=self,
            success=self._show,
            failure=self.error.show_message,
        )

    def _show(self, snapshot: CareSnapshot) -> None:
        selected = self.selected_id()
        self.snapshot = snapshot
        self.error.clear_message()
        self.care_actions.case_children = snapshot.children
        self.care_actions.reminder_days = snapshot.settings.reminder_days
        self.care_actions.interval_months = snapshot.settings.interval_months
        self.care_actions.writable = snapshot.writable
        self.new_button.setEnabled(snapshot.writable)
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for item in snapshot.insatser:
            self._add_row(item)
        self.table.blockSignals(False)
        self.empty_label.setVisible(not snapshot.insatser)
        self._fit_table()
        self.table.setVisible(bool(snapshot.insatser))
        problems = sum(1 for i in snapshot.insatser for c in i.checks if not c.ok)
        running = sum(1 for i in snapshot.insatser if i.decision.state is InsatsState.RUNNING)
        text = tr("{0} beslut, {1}.").format(
            len(snapshot.insatser),
            by_count(running, tr("1 pågående insats"), tr("{0} pågående insatser")),
        )
        if problems:
            text += " " + tr("Egenkontroll: {0} att åtgärda.").format(problems)
        self.summary.setText(text)
        ids = [i.decision.decision_id for i in snapshot.insatser]
        row = ids.index(selected) if selected in ids else (0 if ids else -1)
        if row >= 0:
            self.table.blockSignals(True)
            self.table.selectRow(row)
            self.table.blockSignals(False)
            self._selection_changed()
        else:
            self.panel.show_empty("")  # no decisions: the empty text above says it

    def _fit_table(self) -> None:
        """As tall as its rows (at most VISIBLE_ROWS), so the selected insats has the room."""
        rows = min(max(self.table.rowCount(), 1), VISIBLE_ROWS)
        height = self.table.horizontalHeader().sizeHint().height() + 4
        height += rows * self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(height)

    def _add_row(self, item: InsatsOverview) -> None:
        d = item.decision
        row = self.table.rowCount()
        self.table.insertRow(row)
        outcome = d.outcome_label if d.signed_utc else tr("Utkast")
        values = (
            d.insats_label or "–",
            d.provider_name or "–",
            d.period_text or "–",
            f"{outcome} {d.decided_on}".strip(),
            d.state_label if d.is_insats else "–",
        )
        late = any(not c.ok for c in item.checks)
        for column, text in enumerate(values):
            cell = QTableWidgetItem(text)
            cell.setData(Qt.ItemDataRole.UserRole, d.decision_id)
            if column == COL_STATUS and late:
                cell.setForeground(QColor("#b3261e"))
                cell.setToolTip(tr("Något i egenkontrollen behöver åtgärdas"))
                cell.setText(text + " !")
            self.table.setItem(row, column, cell)

    def selected_id(self) -> str | None:
        items = self.table.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def selected(self) -> InsatsOverview | None:
        decision_id = self.selected_id()
        if self.snapshot is None or decision_id is None:
            return None
        return next(
            (i for i in self.snapshot.insatser if i.decision.decision_id == decision_id), None
        )

    def _selection_changed(self) -> None:
        item = self.selected()
        if item is None or self.snapshot is None:
            return
        writable = self.snapshot.writable
        self.panel.show_insats(item, None, writable)
        services, case_id = self._services, self._case_id
        self._runner.run(
            lambda: load_detail(services, case_id, item),
            parent=self,
            success=lambda detail: self._show_detail(item, detail),
            failure=self.error.show_message,
        )

    def _show_detail(self, item: InsatsOverview, detail: InsatsDetail) -> None:
        if self.snapshot is None or self.selected_id() != item.decision.decision_id:
            return
        self.detail = detail
        self.panel.show_insats(item, detail, self.snapshot.writable)

    def _open_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self.care_actions.open_decision(item.decision)
