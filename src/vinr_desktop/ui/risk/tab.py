"""The Bedömningar tab of a case: the flag and its reason, the contact fact, the assessments
over time (a table and a small chart), and the persons' safety plans.

"Ny bedömning…" (Ctrl+B) asks for the instrument and the person, starts a draft and opens it;
Enter on a row opens it (a draft to continue, a signed one to read). Everything is loaded in
the background and reloaded when the runner says risk, journal or cases changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.instruments import RISK_LABELS
from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.column_fit import ColumnFit, Limits
from vinr_desktop.ui.common.document_print import DocumentPrinter
from vinr_desktop.ui.common.layouts import FlowLayout, ResponsiveRow
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import (
    ErrorLabel,
    card,
    heading,
    link_button,
    primary_button,
    styled_label,
)
from vinr_desktop.ui.risk.assessment_dialog import AssessmentDialog
from vinr_desktop.ui.risk.chart import JudgementChart
from vinr_desktop.ui.risk.compare import ComparisonDialog
from vinr_desktop.ui.risk.dialogs import ContactDialog, NewAssessmentDialog
from vinr_desktop.ui.risk.model import (
    COL_AUTHOR,
    COL_DATE,
    COL_INSTRUMENT,
    COL_JUDGEMENT,
    COL_PERSON,
    COL_STATUS,
    AssessmentListModel,
)
from vinr_desktop.ui.risk.plans_card import SafetyPlansCard
from vinr_desktop.ui.risk.safety_plan_dialog import SafetyPlanDialog
from vinr_desktop.views.risk import (
    AssessmentSummary,
    AssessmentView,
    PersonChoice,
    RiskHistory,
    SafetyPlanSummary,
)

NEW_ASSESSMENT_SHORTCUT = "Ctrl+B"

TAB_STYLE = """
QLabel#FlagBanner {
    background: #fdecea; color: #8c1d18; border: 1px solid #e7b6b0; border-radius: 4px;
    padding: 8px 10px; font-weight: 600;
}
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("RiskTab", text)


@dataclass(frozen=True)
class RiskSnapshot:
    """What the tab shows, read in one background call."""

    history: RiskHistory
    persons: list[PersonChoice]
    plans: list[SafetyPlanSummary]


def load_snapshot(services: CaseWorkServices, case_id: str) -> RiskSnapshot:
    return RiskSnapshot(
        services.risk.history(case_id),
        services.safety_plans.persons(case_id),
        services.safety_plans.plans(case_id),
    )


class RiskTab(QWidget):
    """Bedömningar: assessments, the flag, the contact fact and the safety plans of a case."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(TAB_STYLE)
        self._services, self._runner, self._case_id, self._today = services, runner, case_id, today
        self.snapshot: RiskSnapshot | None = None
        self.assessment_dialog: AssessmentDialog | None = None
        self.plan_dialog: QWidget | None = None
        self.printer = DocumentPrinter(services.documents, runner, self)

        self.flag_banner = QLabel()
        self.flag_banner.setObjectName("FlagBanner")
        self.flag_banner.setWordWrap(True)
        self.flag_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.flag_banner.hide()
        self.contact_label = styled_label("")
        self.contact_button = link_button(tr("Ändra…"))
        self.contact_button.setToolTip(tr("Ange om våldsutövaren har kontakt med den utsatta"))
        self.latest_label = styled_label("")
        self.error = ErrorLabel()

        self.new_button = primary_button(tr("Ny bedömning…"))
        self.new_button.setToolTip(tr("Ny bedömning ({0})").format(NEW_ASSESSMENT_SHORTCUT))
        self.new_button.setDefault(False)
        self.new_button.setAutoDefault(True)
        self.open_button = QPushButton(tr("Öppna"))
        self.compare_button = QPushButton(tr("Jämför med tidigare…"))
        self.compare_button.setToolTip(tr("Samma instruments bedömningar sida vid sida"))
        self.print_button = QPushButton(tr("Skriv ut / spara som PDF…"))
        for button in (self.open_button, self.compare_button, self.print_button):
            button.setAutoDefault(True)

        self.model = AssessmentListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setMinimumHeight(170)
        self.table.setAccessibleName(tr("Bedömningar"))
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Each column as wide as its content, the instrument takes the rest; in a narrow
        # window who made it, then about whom, give way (both are in the assessment).
        self.columns = ColumnFit(
            self.table,
            {
                COL_DATE: Limits(),
                COL_PERSON: Limits(120, 260),
                COL_JUDGEMENT: Limits(),
                COL_STATUS: Limits(),
                COL_AUTHOR: Limits(120, 220),
            },
            COL_INSTRUMENT,
            min_stretch=160,
            optional=(COL_AUTHOR, COL_PERSON),
        )
        self.empty_label = styled_label(
            tr("Inga bedömningar ännu. Börja med Ny bedömning…"), "muted"
        )

        self.chart = JudgementChart()
        self.plans = SafetyPlansCard()
        self.plans.open_requested.connect(self.open_plan)

        self._build()
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        self.new_button.clicked.connect(self.new_assessment)
        self.open_button.clicked.connect(self.open_selected)
        self.compare_button.clicked.connect(self.compare_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.contact_button.clicked.connect(self.change_contact)
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        shortcut = QShortcut(QKeySequence(NEW_ASSESSMENT_SHORTCUT), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.new_assessment)
        runner.changed.connect(self._changed)
        self._update_buttons()
        self.reload()

    def _build(self) -> None:
        contact_row = QHBoxLayout()
        contact_row.addWidget(self.contact_label)
        contact_row.addWidget(self.contact_button)
        contact_row.addStretch(1)
        buttons = FlowLayout(spacing=6)  # onto a second line in a narrow window
        for button in (self.new_button, self.open_button, self.compare_button, self.print_button):
            buttons.add(button)
        assessments = card(heading(tr("Bedömningar"), 2), margins=16)
        box = assessments.layout()
        assert isinstance(box, QVBoxLayout)
        box.addWidget(self.flag_banner)
        box.addLayout(contact_row)
        box.addWidget(self.latest_label)
        box.addLayout(buttons)
        box.addWidget(self.table, 1)
        box.addWidget(self.empty_label)
        box.addWidget(self.error)
        box.addStretch(0)  # takes the room of the table while there is none

        chart = card(heading(tr("Bedömd risk över tid"), 3), self.chart, margins=14)
        chart_box = chart.layout()
        assert isinstance(chart_box, QVBoxLayout)
        chart_box.addWidget(
            styled_label(
                tr("Signerade bedömningar av den utsattas och våldsutövarens risk."), "muted"
            )
        )
        content = QWidget()
        content_box = QVBoxLayout(content)
        content_box.setContentsMargins(0, 8, 4, 8)
        columns = ResponsiveRow(spacing=14)  # one above the other in a narrow window
        content_box.addWidget(columns)
        right = QVBoxLayout()
        right.setSpacing(14)
        right.addWidget(chart)
        right.addWidget(self.plans)
        right.addStretch(1)
        columns.add(assessments, 5)
        columns.add(right, 3)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        services, case_id = self._services, self._case_id
        self._runner.run(
            lambda: load_snapshot(services, case_id),
            parent=self,
            success=self._show,
            failure=self.error.show_message,
        )

    def _changed(self, changes: object) -> None:
        if isinstance(changes, (set, frozenset)) and changes & {"risk", "journal", "cases"}:
            self._reload_timer.start()

    def _show(self, snapshot: RiskSnapshot) -> None:
        self.snapshot = snapshot
        history = snapshot.history
        status = history.status
        self.error.clear_message()
        self.flag_banner.setVisible(status.flagged)
        self.flag_banner.setText(tr("Bedömning saknas. {0}").format(status.flag_text))
        contact = tr("Våldsutövaren har kontakt med den utsatta: {0}").format(status.contact_label)
        if status.contact_noted_on:
            contact += tr(" (uppgift från {0})").format(status.contact_noted_on)
        self.contact_label.setText(contact)
        self.contact_button.setVisible(history.writable)
        if status.latest_judgement is not None:
            latest = tr("Senast bedömd risk: {0} (signerad {1})").format(
                RISK_LABELS[status.latest_judgement], status.latest_signed_on or ""
            )
            if status.next_assessment_on:
                latest += tr("   ·   Nästa bedömning senast {0}").format(status.next_assessment_on)
        else:
            latest = tr("Ingen signerad riskbedömning i ärendet.")
        self.latest_label.setText(latest)
        selected = self.selected()
        self.model.set_rows(history.assessments)
        if selected is not None and (row := self.model.row_of(selected.assessment_id)) >= 0:
            self.table.selectRow(row)
        elif self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.empty_label.setVisible(not history.assessments)
        self.table.setVisible(bool(history.assessments))
        self.new_button.setEnabled(history.writable)
        self.chart.set_points(history.series)
        self.plans.show_plans(snapshot.persons, snapshot.plans)
        self._update_buttons()

    def selected(self) -> AssessmentSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.open_button.setEnabled(chosen is not None)
        self.open_button.setText(
            tr("Fortsätt utkast") if chosen is not None and chosen.is_draft else tr("Öppna")
        )
        signed = chosen is not None and not chosen.is_draft
        self.compare_button.setEnabled(signed)
        self.print_button.setEnabled(signed)

    # -- actions ---------------------------------------------------------------------------

    def new_assessment(self) -> None:
        if not self.new_button.isEnabled():
            return
        dialog = NewAssessmentDialog(self._services, self._runner, self._case_id, self)
        dialog.succeeded.connect(lambda assessment_id: self.open_assessment(str(assessment_id)))
        dialog.open()

    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.open_assessment(chosen.assessment_id)

    def open_row(self, row: int) -> None:
        chosen = self.model.row_at(row)
        if chosen is not None:
            self.open_assessment(chosen.assessment_id)

    def open_assessment(self, assessment_id: str) -> None:
        risk, case_id = self._services.risk, self._case_id
        self._runner.run(
            lambda: risk.assessment(case_id, assessment_id),
            parent=self,
            success=self._show_assessment,
            failure=self.error.show_message,
        )

    def _show_assessment(self, view: AssessmentView) -> None:
        dialog = AssessmentDialog(self._services, self._runner, view, self._today, self)
        dialog.plan_requested.connect(self.open_plan)
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.assessment_dialog = dialog
        dialog.open()

    def _forget(self, dialog: QWidget) -> None:
        """Drop the reference to a closed dialog (it deletes itself)."""
        if self.assessment_dialog is dialog:
            self.assessment_dialog = None
        if self.plan_dialog is dialog:
            self.plan_dialog = None

    def compare_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.is_draft:
            return
        ComparisonDialog(
            self._services, self._runner, self._case_id, chosen.instrument_id, self
        ).open()

    def print_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.is_draft:
            return
        self.printer.case_document(
            DocumentKind.RISK_ASSESSMENT, self._case_id, chosen.assessment_id, Recipient.FILE
        )

    def change_contact(self) -> None:
        current = self.snapshot.history.status.contact if self.snapshot else None
        ContactDialog(
            self._services, self._runner, self._case_id, self._today, current, self
        ).open()

    def open_plan(self, person_id: str, *, edit: bool = False) -> None:
        """The person's säkerhetsplan; with `edit`, straight on in her own draft version."""
        writable = self.snapshot.history.writable if self.snapshot is not None else False
        dialog = SafetyPlanDialog(
            self._services, self._runner, self._case_id, person_id, self._today, self,
            writable=writable,
        )  # fmt: skip
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.plan_dialog = dialog
        dialog.open()
        if edit:
            dialog.edit_when_loaded()
