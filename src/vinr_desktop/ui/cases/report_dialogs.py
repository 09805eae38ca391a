"""Each report (anmälan) about a child in the case overview, with its own skyddsbedömning and
förhandsbedömning and their last days, and the dialogs that record them: a new report, the two
steps, and a longer time for the förhandsbedömning with synnerliga skäl.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.cases import (
    PRELIMINARY_LABELS,
    PreliminaryOutcome,
    ReporterKind,
    ReporterText,
    reporter_choice,
)
from vinr_desktop.domain.errors import InvalidInput
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import ServiceDialog, date_edit, date_of, text_edit
from vinr_desktop.ui.common.layouts import FlowLayout
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label
from vinr_desktop.views.cases import ChildReportView
from vinr_desktop.views.risk import RiskHistory


def tr(text: str) -> str:
    return QCoreApplication.translate("ReportDialogs", text)


class ReportDialog(ServiceDialog):
    """Ny anmälan: the day it came in, from whom, and whether it came in late in the day."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Ny anmälan"), tr("Registrera"), tr("Sparar…"), runner, parent)
        self._services, self._case_id = services, case_id
        add_case_banner(self, case_id)
        self._kinds = services.cases.reporter_kinds()
        self.on = date_edit(today, today)
        self.reporter = QComboBox()
        self.reporter.addItem(tr("Välj vem som anmälde…"), "")
        for kind in self._kinds:
            if kind.code != ReporterKind.NONE.value:
                self.reporter.addItem(tr(kind.label), kind.code)
        self.reporter_text_label = QLabel()
        self.reporter_text = QLineEdit()
        self.reporter_text.setMaxLength(200)
        self.late = QCheckBox(tr("Anmälan kom in sent på dagen"))
        self.late.setToolTip(
            tr("Skyddsbedömningen görs samma dag; dagen efter bara när anmälan kom in sent.")
        )
        self.form.addRow(tr("Kom in"), self.on)
        self.form.addRow(tr("Anmälare"), self.reporter)
        self.form.addRow(self.reporter_text_label, self.reporter_text)
        self.form.addRow("", self.late)
        self.reporter.currentIndexChanged.connect(self._reporter_changed)
        self._reporter_changed()

    def _reporter_changed(self) -> None:
        choice = reporter_choice(self._kinds, str(self.reporter.currentData() or ""))
        asks = choice is not None and choice.text is not ReporterText.NONE
        self.reporter_text_label.setText(choice.text_label if choice is not None else "")
        self.reporter_text.setPlaceholderText(choice.placeholder if choice is not None else "")
        self.form.setRowVisible(self.reporter_text, asks)

    def call(self) -> Callable[[], Any]:
        reports, case_id = self._services.reports, self._case_id
        on, code = date_of(self.on), str(self.reporter.currentData() or "")
        text, late = self.reporter_text.text(), self.late.isChecked()
        return lambda: reports.add(case_id, on, code, text, late)


CHILD_INSTRUMENT = "skyddsbedomning-barn"
PROTECTION_WORDS = {"ja": True, "nej": False}  # its judgement from version 2 on


class ProtectionAssessmentDialog(ServiceDialog):
    """The skyddsbedömning of one report."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        report: ChildReportView,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Registrera skyddsbedömning"), tr("Registrera"), tr("Sparar…"), runner, parent
        )
        self._services, self._case_id, self._report_id = services, case_id, report.report_id
        add_case_banner(self, case_id)
        self.on = date_edit(today, today)
        # The same scale and words as the skyddsbedömning instrument (version 2): nej or ja,
        # nothing chosen until the handläggare chooses.
        self.no = QRadioButton(tr("Nej"))
        self.yes = QRadioButton(tr("Ja"))
        choice = QHBoxLayout()
        choice.addWidget(self.no)
        choice.addWidget(self.yes)
        choice.addStretch(1)
        self.note = text_edit(80)
        self.form.addRow(tr("Anmälan"), styled_label(report_title(report)))
        self.form.addRow(tr("Datum"), self.on)
        self.form.addRow(tr("Omedelbart skyddsbehov"), choice)
        self.from_instrument = styled_label("", "muted")
        self.from_instrument.setVisible(False)
        self.form.addRow("", self.from_instrument)
        self.form.addRow(tr("Kommentar"), self.note)
        received_on, risk = report.received_on, services.risk
        runner.run(
            lambda: risk.history(case_id),
            parent=self,
            success=lambda history: self._propose(history, received_on),
        )

    def _propose(self, history: RiskHistory, received_on: str) -> None:
        """The newest signed skyddsbedömning instrument made since the report came in proposes
        its nej/ja (the same scale); the handläggare can still choose otherwise."""
        found = next(
            (
                s
                for s in history.assessments
                if s.instrument_id == CHILD_INSTRUMENT
                and not s.is_draft
                and s.judgement_word in PROTECTION_WORDS
                and (s.assessed_on or s.signed_on or "") >= received_on
            ),
            None,
        )
        if found is None:
            return
        if not (self.yes.isChecked() or self.no.isChecked()):
            (self.yes if PROTECTION_WORDS[found.judgement_word] else self.no).setChecked(True)
        self.from_instrument.setText(
            tr("Enligt skyddsbedömningen signerad {0}: {1}.").format(
                found.signed_on or "", found.judgement_word
            )
        )
        self.from_instrument.setVisible(True)

    def call(self) -> Callable[[], Any]:
        reports, case_id, report_id = self._services.reports, self._case_id, self._report_id
        on, note = date_of(self.on), self.note.toPlainText()
        if not (self.yes.isChecked() or self.no.isChecked()):
            message = tr("Välj om barnet har ett omedelbart skyddsbehov: nej eller ja.")

            def refuse() -> None:
                raise InvalidInput(message)

            return refuse
        needed = self.yes.isChecked()
        return lambda: reports.record_protection(case_id, report_id, on, needed, note)


class PreliminaryAssessmentDialog(ServiceDialog):
    """The förhandsbedömning of one report: whether an investigation is opened."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        report: ChildReportView,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Registrera förhandsbedömning"), tr("Registrera"), tr("Sparar…"), runner, parent
        )
        self._services, self._case_id, self._report_id = services, case_id, report.report_id
        add_case_banner(self, case_id)
        self.on = date_edit(today, today)
        self.outcome = QComboBox()
        for outcome, label in PRELIMINARY_LABELS.items():
            self.outcome.addItem(tr(label), outcome.value)
        self.note = text_edit(90)
        self.form.addRow(tr("Anmälan"), styled_label(report_title(report)))
        self.form.addRow(tr("Beslutsdatum"), self.on)
        self.form.addRow(tr("Beslut"), self.outcome)
        self.form.addRow(tr("Motivering"), self.note)

    def call(self) -> Callable[[], Any]:
        reports, case_id, report_id = self._services.reports, self._case_id, self._report_id
        on, note = date_of(self.on), self.note.toPlainText()
        outcome = PreliminaryOutcome(self.outcome.currentData())
        return lambda: reports.record_preliminary(case_id, report_id, on, outcome, note)


class ExtensionDialog(ServiceDialog):
    """A longer time for one report's förhandsbedömning, with the synnerliga skäl."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        report: ChildReportView,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Förläng tiden för förhandsbedömning"), tr("Förläng"), tr("Sparar…"), runner, parent
        )
        self._services, self._case_id, self._report_id = services, case_id, report.report_id
        add_case_banner(self, case_id)
        due = date.fromisoformat(report.preliminary_due)
        self.until = date_edit(max(due, today), None)
        self.reason = text_edit(80)
        self.form.addRow(tr("Anmälan"), styled_label(report_title(report)))
        self.form.addRow(tr("Ny sista dag"), self.until)
        self.form.addRow(tr("Synnerliga skäl"), self.reason)

    def call(self) -> Callable[[], Any]:
        reports, case_id, report_id = self._services.reports, self._case_id, self._report_id
        until, reason = date_of(self.until), self.reason.toPlainText()
        return lambda: reports.extend_preliminary(case_id, report_id, until, reason)


def report_title(report: ChildReportView) -> str:
    return tr("Kom in {0} från {1}").format(report.received_on, report.reporter or tr("okänd"))


def protection_text(report: ChildReportView) -> str:
    if report.protection_assessed_on is None:
        return tr("Skyddsbedömning: inte gjord, senast {0}.").format(report.protection_due)
    outcome = (
        tr("omedelbart skyddsbehov") if report.protection_needed
        else tr("inget omedelbart skyddsbehov")
    )  # fmt: skip
    text = tr("Skyddsbedömning {0}: {1}.").format(report.protection_assessed_on, outcome)
    return text + (f"\n{report.protection_note}" if report.protection_note else "")


def preliminary_text(report: ChildReportView) -> str:
    if report.preliminary_decided_on is None or report.preliminary_outcome is None:
        text = tr("Förhandsbedömning: inte beslutad, senast {0}.").format(report.preliminary_due)
        if report.extended_to:
            text += " " + tr("Förlängd av synnerliga skäl: {0}").format(report.extension_reason)
        return text
    label = tr(PRELIMINARY_LABELS[report.preliminary_outcome]).lower()
    text = tr("Förhandsbedömning {0}: {1}.").format(report.preliminary_decided_on, label)
    return text + (f"\n{report.preliminary_note}" if report.preliminary_note else "")


class ReportsBox(QWidget):
    """Every report of the case with its two steps; buttons open the dialogs above."""

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services, self._runner, self._case_id, self._today = (
            services, runner, case_id, today
        )  # fmt: skip
        self._reports: tuple[ChildReportView, ...] = ()
        self._writable = False
        self.blocks: list[QFrame] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.empty_label = styled_label(
            tr("Ingen anmälan: ärendet började med en ansökan. Skydds- och förhandsbedömning "
               "görs för varje anmälan som kommer in."),
            "muted",
        )  # fmt: skip
        layout.addWidget(self.empty_label)
        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(8)
        layout.addLayout(self.list_box)
        self.new_button = QPushButton(tr("Ny anmälan…"))
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.new_button.clicked.connect(self.new_report)

    def show_reports(self, reports: tuple[ChildReportView, ...], writable: bool) -> None:
        self._reports, self._writable = reports, writable
        for block in self.blocks:
            block.setParent(None)
            block.deleteLater()
        self.blocks = [self._block(r) for r in reports]
        for block in self.blocks:
            self.list_box.addWidget(block)
        self.empty_label.setVisible(not reports)
        self.new_button.setEnabled(writable)

    def _block(self, report: ChildReportView) -> QFrame:
        frame = QFrame()
        frame.setObjectName("ReportBlock")
        box = QVBoxLayout(frame)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        title = styled_label(report_title(report))
        title.setObjectName("GroupLabel")
        box.addWidget(title)
        box.addWidget(styled_label(protection_text(report)))
        box.addWidget(styled_label(preliminary_text(report)))
        buttons = FlowLayout()
        protection = QPushButton(
            tr("Ändra skyddsbedömning…") if report.protection_assessed_on
            else tr("Registrera skyddsbedömning…")
        )  # fmt: skip
        preliminary = QPushButton(
            tr("Ändra förhandsbedömning…") if report.preliminary_decided_on
            else tr("Registrera förhandsbedömning…")
        )  # fmt: skip
        protection.clicked.connect(lambda: self.record_protection(report.report_id))
        preliminary.clicked.connect(lambda: self.record_preliminary(report.report_id))
        buttons.addWidget(protection)
        buttons.addWidget(preliminary)
        if report.preliminary_decided_on is None:
            extend = QPushButton(tr("Förläng…"))
            extend.setToolTip(tr("Längre tid för förhandsbedömningen av synnerliga skäl"))
            extend.clicked.connect(lambda: self.extend(report.report_id))
            buttons.addWidget(extend)
        box.addLayout(buttons)
        for i in range(buttons.count()):
            item = buttons.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setEnabled(self._writable)
        return frame

    def _report(self, report_id: str | None) -> ChildReportView | None:
        """The report asked for, or the first one still missing a step (the newest if none)."""
        if report_id is not None:
            return next((r for r in self._reports if r.report_id == report_id), None)
        waiting = [r for r in self._reports if r.preliminary_decided_on is None]
        choices = waiting or list(self._reports)
        return choices[0] if choices else None

    def new_report(self) -> None:
        ReportDialog(self._services, self._runner, self._case_id, self._today, self).open()

    def record_protection(self, report_id: str | None = None) -> None:
        if (report := self._report(report_id)) is not None:
            ProtectionAssessmentDialog(
                self._services, self._runner, self._case_id, report, self._today, self
            ).open()

    def record_preliminary(self, report_id: str | None = None) -> None:
        if (report := self._report(report_id)) is not None:
            PreliminaryAssessmentDialog(
                self._services, self._runner, self._case_id, report, self._today, self
            ).open()

    def extend(self, report_id: str | None = None) -> None:
        if (report := self._report(report_id)) is not None:
            ExtensionDialog(
                self._services, self._runner, self._case_id, report, self._today, self
            ).open()
