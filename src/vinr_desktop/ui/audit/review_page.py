"""Loggkontroll: the manager's log review.

The log review verifies the audit chain when it is first shown and when the user asks again
(`open_review`, itself audited), and says loudly when the chain is broken. Flagged events not
yet reviewed come first; the manager marks them reviewed with a comment and can save the review
as a PDF report for the nämnd. The page loads nothing until it is shown, and every service call
goes through the OperationRunner. (A handläggare's "Vem har sett mina ärenden?" is in
own_cases_page.py.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.domain.audit_events import GROUP_LABELS, EventGroup
from vinr_desktop.domain.plurals import by_count
from vinr_desktop.domain.redaction import DocumentKind
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.audit.dialogs import MarkReviewedDialog
from vinr_desktop.ui.audit.widgets import (
    ChainBanner,
    EventTable,
    PeriodFilter,
    chain_ok_text,
    delay_timer,
)
from vinr_desktop.ui.common.document_print import DocumentPrinter
from vinr_desktop.ui.common.layouts import FlowLayout
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, primary_button, styled_label
from vinr_desktop.views.audit import (
    AuditFilter,
    CaseChoice,
    ChainStatus,
    UserChoice,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("AuditPage", text)


class LogReviewPage(QWidget):
    """Loggkontroll: chain status, filters, events (flagged first), marking, the report."""

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
        self._services = services
        self._runner = runner
        self._today = today
        self._opened = False
        self._dirty = False
        self._case: CaseChoice | None = None
        self._case_problem = ""  # the typed case number was not found
        self._looked_up = ""  # the number last looked up (Enter and leaving the field both ask)
        self.chain: ChainStatus | None = None
        self.mark_dialog: MarkReviewedDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.printer = DocumentPrinter(services.documents, runner, self)

        self.title = heading(tr("Loggkontroll"))
        self.check_button = QPushButton(tr("Kontrollera loggen igen"))
        self.check_button.setAutoDefault(False)
        self.check_button.setToolTip(
            tr("Kontrollerar hela loggkedjan på nytt och hämtar de senaste händelserna.")
        )
        self.chain_label = styled_label(tr("Loggkedjan kontrolleras…"), "muted")
        self.chain_banner = ChainBanner()

        self.user_combo = QComboBox()
        self.user_combo.addItem(tr("Alla"), None)
        self.case_edit = QLineEdit()
        self.case_edit.setPlaceholderText(tr("Ärendenummer"))
        self.case_edit.setClearButtonEnabled(True)
        self.case_edit.setMaxLength(40)
        self.case_edit.setToolTip(tr("Skriv ärendenumret och tryck Enter"))
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(tr("Alla"), None)
        for group in EventGroup:
            self.kind_combo.addItem(tr(GROUP_LABELS[group]), group.value)
        self.period = PeriodFilter(today())
        self.flagged_check = QCheckBox(tr("Bara flaggade"))
        self.unreviewed_check = QCheckBox(tr("Bara ej granskade"))
        self.filter_error = ErrorLabel()

        self.events = EventTable(
            runner,
            multi_select=True,
            empty_text=tr("Inga händelser med de valda filtren."),
        )
        self.mark_button = primary_button(tr("Markera som granskad…"))
        self.mark_button.setDefault(False)
        self.mark_button.setAutoDefault(False)
        self.report_button = QPushButton(tr("Rapport till nämnden…"))
        self.report_button.setAutoDefault(False)
        self.message = styled_label("", "ok")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_error = ErrorLabel()
        self._apply_timer = delay_timer(self)

        self._build()
        self.chain_banner.hide()
        self.message.hide()
        self._update_buttons()

        self.check_button.clicked.connect(self.refresh)
        for combo in (self.user_combo, self.kind_combo):
            combo.currentIndexChanged.connect(self._apply_timer.start)
        for check in (self.flagged_check, self.unreviewed_check):
            check.toggled.connect(self._apply_timer.start)
        self.period.changed.connect(self._apply_timer.start)
        self._apply_timer.timeout.connect(self.apply_filter)
        self.case_edit.returnPressed.connect(self.find_case)
        self.case_edit.editingFinished.connect(self.find_case)
        self.case_edit.textChanged.connect(self._case_text_changed)
        self.events.selection_changed.connect(self._update_buttons)
        self.events.model.loaded.connect(self._update_buttons)
        self.mark_button.clicked.connect(self.mark_reviewed)
        self.report_button.clicked.connect(self.save_report)
        runner.changed.connect(self._on_changed)

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.check_button)

        # The filters flow onto as many lines as the width needs, never squeezed.
        self.user_combo.setMinimumWidth(180)
        self.kind_combo.setMinimumWidth(180)
        self.case_edit.setMinimumWidth(
            self.case_edit.fontMetrics().horizontalAdvance(self.case_edit.placeholderText()) + 40
        )
        filters = FlowLayout(spacing=18, line_spacing=8)
        for label, field in (
            (tr("Användare"), self.user_combo),
            (tr("Ärende"), self.case_edit),
            (tr("Händelse"), self.kind_combo),
        ):
            group = QWidget()
            row = QHBoxLayout(group)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(8)
            row.addWidget(QLabel(label))
            row.addWidget(field)
            filters.add(group)
        filters.add(self.period)
        filters.add(self.flagged_check)
        filters.add(self.unreviewed_check)

        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addWidget(self.mark_button)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 16)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.chain_label)
        layout.addWidget(self.chain_banner)
        layout.addLayout(filters)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.events, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.action_error)
        layout.addLayout(buttons)

    # -- opening ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._opened:
            self.refresh()
        elif self._dirty:
            self._dirty = False
            self.events.reload()

    def refresh(self) -> None:
        """Verify the chain (an audited opening of the log review) and load the events."""
        self._opened = True
        self._dirty = False
        audit = self._audit
        self.chain_label.setProperty("role", "muted")
        self._repolish(self.chain_label)
        self.chain_label.setText(tr("Loggkedjan kontrolleras…"))
        self._runner.run(
            lambda: (audit.open_review(), audit.users()),
            parent=self,
            success=self._opened_review,
            failure=self._open_failed,
            busy=Busy(self.check_button, tr("Kontrollerar…")),
        )

    def _opened_review(self, result: tuple[ChainStatus, list[UserChoice]]) -> None:
        chain, users = result
        self._show_chain(chain)
        self._fill_users(users)
        self.apply_filter()

    def _open_failed(self, message: str) -> None:
        self.chain_label.setProperty("role", "error")
        self._repolish(self.chain_label)
        self.chain_label.setText(message)

    def _show_chain(self, chain: ChainStatus) -> None:
        self.chain = chain
        self.chain_banner.setVisible(not chain.ok)
        self.chain_label.setVisible(chain.ok)
        if chain.ok:
            self.chain_label.setProperty("role", "ok")
            self.chain_label.setText(chain_ok_text(chain))
        else:
            self.chain_banner.show_problems(chain.problems)
        self._repolish(self.chain_label)

    def _fill_users(self, users: list[UserChoice]) -> None:
        chosen = self.user_combo.currentData()
        self.user_combo.blockSignals(True)
        self.user_combo.clear()
        self.user_combo.addItem(tr("Alla"), None)
        for user in users:
            self.user_combo.addItem(user.full_name, user.user_id)
        index = self.user_combo.findData(chosen) if chosen else 0
        self.user_combo.setCurrentIndex(max(index, 0))
        self.user_combo.blockSignals(False)

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # -- filter ----------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        kind = self.kind_combo.currentData()
        user_id = self.user_combo.currentData()
        return AuditFilter(
            user_id=str(user_id) if user_id else None,
            case_id=self._case.case_id if self._case is not None else None,
            groups=frozenset({EventGroup(kind)}) if kind else frozenset(),
            date_from=self.period.start(),
            date_to=self.period.end(),
            flagged_only=self.flagged_check.isChecked(),
            unreviewed_only=self.unreviewed_check.isChecked(),
        )

    def filter_problem(self) -> str:
        """Why the filter cannot be used now ('' when it can)."""
        return self.period.problem() or self._case_problem

    def apply_filter(self) -> None:
        """Show the events for what the filters say now."""
        self._apply_timer.stop()
        if not self._opened:
            return
        problem = self.filter_problem()
        self.filter_error.show_message(problem)
        self._update_buttons()
        if problem:
            self.events.show_nothing(tr("Inga händelser visas förrän filtret är rättat."))
            return
        wanted, audit = self.current_filter(), self._audit
        self.message.hide()
        self.events.set_source(lambda offset, limit: audit.events(wanted, offset, limit))

    def _case_text_changed(self, text: str) -> None:
        if text.strip():
            return  # looked up on Enter or when the field is left
        self._looked_up = ""
        had_case, had_problem = self._case is not None, bool(self._case_problem)
        self._case, self._case_problem = None, ""
        if had_case or had_problem:
            self.apply_filter()

    def find_case(self) -> None:
        """Look the typed case number up (only a case the reviewer may open is found)."""
        number = self.case_edit.text().strip()
        if not number or number == self._looked_up or not self._opened:
            return
        self._looked_up = number
        audit = self._audit
        self._runner.run(
            lambda: audit.find_case(number),
            parent=self,
            success=lambda choice: self._case_found(number, choice),
            failure=lambda message: self._case_not_found(number, message),
        )

    def _case_found(self, number: str, choice: CaseChoice) -> None:
        if self.case_edit.text().strip() != number:
            return  # typed on meanwhile
        self._case, self._case_problem = choice, ""
        self.apply_filter()

    def _case_not_found(self, number: str, message: str) -> None:
        if self.case_edit.text().strip() != number:
            return
        self._case, self._case_problem = None, message
        self.apply_filter()

    # -- marking and the report ------------------------------------------------------------

    def _update_buttons(self) -> None:
        self.mark_button.setEnabled(bool(self.events.selected_events()))
        self.report_button.setEnabled(self._opened and not self.filter_problem())

    def _on_changed(self, changes: object) -> None:
        if not self._opened or not isinstance(changes, (set, frozenset)):
            return
        if self.isVisible():
            if not self.filter_problem():
                self.events.reload()
        else:
            self._dirty = True

    def mark_reviewed(self) -> None:
        chosen = self.events.selected_events()
        if not chosen:
            return
        dialog = MarkReviewedDialog(self._services, self._runner, chosen, self)
        count = len(chosen)
        dialog.succeeded.connect(lambda _review_id: self._marked(count))
        dialog.open()
        self.mark_dialog = dialog

    def _marked(self, count: int) -> None:
        self.action_error.clear_message()
        self._say(
            by_count(
                count,
                tr("1 loggpost är markerad som granskad."),
                tr("{0} loggposter är markerade som granskade."),
            )
        )

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def save_report(self) -> None:
        """The report for the nämnd, through the document preview (print or save; both are
        asked about and written to the log like every other document)."""
        if self.filter_problem():
            return
        wanted, documents = self.current_filter(), self._services.documents
        self.action_error.clear_message()
        self.message.hide()
        self.printer.start(
            DocumentKind.AUDIT_REPORT, lambda _to, _progress: documents.audit_report(wanted)
        )
