"""Gallring, the enhetschef's page: the rules in force and since when, the gallringsförslag
(what is due with the rule that makes it due, what is kept and why), the approval with the
nämnd's decision, and the gallringslogg. A protected case she may not open shows by its keyed
reference, its persons as "Skyddad person". Gallring cannot be undone, so it asks first."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.plurals import count_text
from vinr_desktop.services.retention.archive import ArchiveService
from vinr_desktop.services.retention.service import RetentionService
from vinr_desktop.ui.common.column_fit import ColumnFit, Limits
from vinr_desktop.ui.common.dialogs import ask
from vinr_desktop.ui.common.layouts import WrapLabel
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, styled_label
from vinr_desktop.ui.retention import models as m
from vinr_desktop.ui.retention.archive_dialog import ArchiveDialog
from vinr_desktop.views.archive import ArchiveResult
from vinr_desktop.views.retention import GallringResult, LogRow, Proposal, RulesView


def tr(text: str) -> str:
    return QCoreApplication.translate("RetentionPage", text)


@dataclass(frozen=True)
class _Snapshot:
    proposal: Proposal
    log: tuple[LogRow, ...]


def rules_text(rules: RulesView) -> str:
    days = ", ".join(str(d) for d in rules.research_birth_days)
    text = tr(
        "I kraft sedan {0}: {1}.\nUppgifter om en person gallras {2} år efter sista "
        "anteckningen om personen, senast vid utgången av året efter. Bevaras: personer födda "
        "den {3} i månaden (forskning), {4}."
    ).format(
        rules.in_force_since,
        rules.name,
        rules.years,
        days,
        ", ".join(k[:1].lower() + k[1:] for k in rules.kept_kinds) or tr("inga handlingsslag"),
    )
    if rules.plan_name:
        text += "\n" + tr("Dokumenthanteringsplan: {0} ({1}, gäller från {2}).").format(
            rules.plan_name, rules.plan_decision, rules.plan_in_force_from
        )
    else:
        text += "\n" + tr("Ingen dokumenthanteringsplan är inläst (administratören läser in den).")
    if not rules.reference_checked:
        text += "\n" + tr("Lagrummen ({0}) ska stämmas av med kommunens jurist.").format(
            rules.reference
        )
    return text


def _wrapped(role: str = "") -> WrapLabel:
    """A wrapped plain-text label that takes the height its text needs inside the tabs."""
    label = WrapLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


def _table(model: m.ProposalModel | m.LogModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(32)
    return table


class RetentionPage(QWidget):
    """The page in the sidebar ("Gallring")."""

    def __init__(
        self,
        retention: RetentionService,
        archive: ArchiveService,
        runner: OperationRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._retention, self._archive, self._runner = retention, archive, runner
        self.archive_dialog: ArchiveDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.rules_line = styled_label("", "muted")
        self.rules_label = _wrapped()
        self.summary = _wrapped()
        self.detail = _wrapped("muted")
        self.model = m.ProposalModel()
        self.table = _table(self.model)
        self.columns = ColumnFit(
            self.table,
            {
                m.P_CASE: Limits(),
                m.P_LAST: Limits(),
                m.P_FINISH: Limits(),
                m.P_VERDICT: Limits(),
            },
            m.P_PERSONS,
            min_stretch=160,
            optional=(m.P_FINISH, m.P_LAST),
        )
        self.log_model = m.LogModel()
        self.log_table = _table(self.log_model)
        self.log_columns = ColumnFit(
            self.log_table,
            {c: Limits() for c in range(8) if c != m.L_DECISION},
            m.L_DECISION,
            min_stretch=120,
            optional=(m.L_BY, m.L_ROWS, m.L_RULE, m.L_LAST),
        )
        self.decision = QLineEdit()
        self.decision.setPlaceholderText(tr("Nämndens beslut om delegation, t.ex. SN § 45/2026"))
        self.decision.setMaxLength(200)
        self.approve_button = QPushButton(tr("Godkänn och gallra…"))
        self.reload_button = QPushButton(tr("Uppdatera"))
        self.export_button = QPushButton(tr("Exportera till e-arkiv…"))
        for button in (self.approve_button, self.reload_button, self.export_button):
            button.setAutoDefault(False)
        self.message = styled_label("", "muted")
        self.error = ErrorLabel()
        self.empty_log = styled_label(tr("Ingenting har gallrats ännu."), "muted")

        proposal_tab = QWidget()
        approve_row = QHBoxLayout()
        approve_row.addWidget(QLabel(tr("Beslut:")))
        approve_row.addWidget(self.decision, 1)
        approve_row.addWidget(self.approve_button)
        proposal_layout = QVBoxLayout(proposal_tab)
        proposal_layout.addWidget(self.summary)
        proposal_layout.addWidget(self.table, 1)
        proposal_layout.addWidget(self.detail)
        proposal_layout.addLayout(approve_row)
        log_tab = QWidget()
        log_layout = QVBoxLayout(log_tab)
        log_layout.addWidget(
            styled_label(
                tr("Vad som gallrats, när, efter vilken regel och vilket beslut. Loggen "
                   "innehåller inga namn, personnummer eller anteckningar."),
                "muted",
            )
        )  # fmt: skip
        log_layout.addWidget(self.empty_log)
        log_layout.addWidget(self.log_table, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(proposal_tab, tr("Gallringsförslag"))
        self.tabs.addTab(log_tab, tr("Gallringslogg"))
        rules_tab = QWidget()
        rules_layout = QVBoxLayout(rules_tab)
        rules_layout.addWidget(self.rules_label)
        rules_layout.addStretch(1)
        self.tabs.addTab(rules_tab, tr("Regler"))

        top = QHBoxLayout()
        top.addWidget(heading(tr("Gallring")), 1)
        top.addWidget(self.export_button)
        top.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.rules_line)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.error)

        self.approve_button.clicked.connect(self.confirm_gallring)
        self.reload_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(self.open_export)
        self.model.dataChanged.connect(lambda *_args: self._update_button())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._show_detail())
        self.decision.textChanged.connect(lambda _text: self._update_button())
        self._update_button()
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        retention = self._retention
        self._runner.run(
            lambda: _Snapshot(retention.proposal(), tuple(retention.log())),
            parent=self,
            success=self._show,
            failure=self.error.show_message,
        )

    def _show(self, snapshot: _Snapshot) -> None:
        proposal = snapshot.proposal
        rules = proposal.rules
        self.rules_label.setText(rules_text(rules))
        self.rules_line.setText(
            tr("Regler i kraft sedan {0}: {1}{2}. Se fliken Regler.").format(
                rules.in_force_since,
                rules.name,
                tr(" och {0}").format(rules.plan_name) if rules.plan_name else "",
            )
        )
        self.model.set_rows(proposal.rows)
        due = sum(1 for r in proposal.rows if r.due)
        waiting = sum(1 for r in proposal.rows if r.verdict.value == "linked")
        kept = len(proposal.rows) - due - waiting
        self.summary.setText(
            tr("{0} ska gallras, {1} bevaras, {2} väntar. {3} har inte nått fem år, {4} "
               "öppna. Bocka ur ett ärende som inte ska gallras nu.").format(
                count_text(due, "ärende", "ärenden"),
                kept,
                waiting,
                count_text(proposal.not_yet, "avslutat ärende", "avslutade ärenden"),
                proposal.open_cases,
            )
        )  # fmt: skip
        if proposal.rows:
            self.table.selectRow(0)
        self._show_detail()
        self.log_model.set_rows(snapshot.log)
        self.empty_log.setVisible(not snapshot.log)
        self._update_button()

    def _show_detail(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        self.detail.setText(m.detail_text(row) if row is not None else "")
        self.detail.setVisible(row is not None)

    def _update_button(self) -> None:
        self.approve_button.setEnabled(
            bool(self.model.chosen()) and bool(self.decision.text().strip())
        )

    # -- e-arkiv --------------------------------------------------------------------------

    def open_export(self) -> None:
        dialog = ArchiveDialog(self._archive, self._runner, self)
        dialog.succeeded.connect(self._exported)
        self.archive_dialog = dialog
        dialog.open()

    def _exported(self, result: ArchiveResult) -> None:
        self.error.clear_message()
        text = tr("E-arkivpaketet är skrivet: {0} ({1}).").format(
            result.folder, count_text(result.cases, "ärende", "ärenden")
        )
        if result.not_included:
            text += " " + tr("{0} som du inte har behörighet till är inte med.").format(
                count_text(result.not_included, "skyddat ärende", "skyddade ärenden")
            )
        self.message.setText(text)

    # -- gallring --------------------------------------------------------------------------

    def confirm_gallring(self) -> None:
        chosen = self.model.chosen()
        if not chosen or not self.decision.text().strip():
            return
        self.confirm_box = ask(
            self,
            tr("Gallra"),
            tr("Gallra {0}? Allt om dem tas bort ur registret och kan inte tas fram igen. "
               "Gallringsloggen visar vad som gallrats, utan innehåll.").format(
                count_text(len(chosen), "ärende", "ärenden")
            ),
            tr("Gallra"),
            self._gallra,
            safe_default=True,
        )  # fmt: skip

    def _gallra(self) -> None:
        retention, chosen, decision = self._retention, self.model.chosen(), self.decision.text()

        def work() -> GallringResult:
            return retention.gallra(retention.approve(chosen, decision))

        self._runner.run(
            work,
            parent=self,
            success=self._done,
            failure=self.error.show_message,
            busy=Busy(self.approve_button, tr("Gallrar…")),
            changes={"cases", "retention"},
        )

    def _done(self, result: GallringResult) -> None:
        self.error.clear_message()
        text = tr("{0} gallrade.").format(count_text(result.gallrad, "ärende", "ärenden"))
        if result.skipped:
            text += " " + tr("Ändrade sedan förslaget, inte gallrade: {0}.").format(
                ", ".join(result.skipped)
            )
        if not result.compacted:
            text += " " + tr(
                "Disken är för full för att packa registerfilen efteråt; det görs vid nästa "
                "gallring. Frigör utrymme."
            )
        self.message.setText(text)
        self.decision.clear()
        self.reload()
