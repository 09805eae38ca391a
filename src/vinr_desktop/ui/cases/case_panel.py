"""One open case: header with status and actions, then the Översikt, Journal and Åtkomst tabs.

Opening is audited: the view calls `cases.open_case` once and shows nothing of the case until
it returns (the service writes the audit event before reading the case). Later reloads, after
any change to cases or the journal, use `cases.details`. Nothing of the case goes into the
window title.

The header says how the user reaches a case that is not her own (shared, the manager's read
access) and offers "Dela…" to whoever may share it. A case opened by nödåtkomst has a red
banner; when the access runs out, the case's widgets are thrown away and only a plain message
and the way back remain.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vinr_desktop.access.policy import Relation
from vinr_desktop.domain.cases import INTAKE_LABELS, STATUS_LABELS, CaseStatus
from vinr_desktop.domain.cases import next_status as following_status
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.journal.events import today_for
from vinr_desktop.ui.audit.case_access_tab import CaseAccessTab
from vinr_desktop.ui.care.tab import CareTab
from vinr_desktop.ui.casefacts.dialogs import EndInvestigationDialog, StartInvestigationDialog
from vinr_desktop.ui.cases.dialogs import CloseCaseDialog, ReopenDialog
from vinr_desktop.ui.cases.emergency import EmergencyBanner, EmergencyEnded
from vinr_desktop.ui.cases.overview import CaseOverview, chip
from vinr_desktop.ui.cases.share_dialog import ShareDialog
from vinr_desktop.ui.common.case_banner import CaseHeading, case_heading
from vinr_desktop.ui.common.layouts import FlowLayout, PageStack
from vinr_desktop.ui.common.operations import Busy, OperationRunner
from vinr_desktop.ui.common.resume import CasePlace, EditorKind
from vinr_desktop.ui.common.widgets import ErrorLabel, heading, styled_label
from vinr_desktop.ui.journal.panel import JournalPanel
from vinr_desktop.ui.risk.tab import RiskTab
from vinr_desktop.views.cases import CaseDetails

LOCAL_STYLE = """
QFrame#CaseHeader { background: #ffffff; border-bottom: 1px solid #c8d0da; }
QLabel#StatusChip {
    background: #2f5d8a; color: #ffffff; border-radius: 9px; padding: 2px 10px;
    font-weight: 600;
}
QLabel#ProtectedBadge {
    background: #b3261e; color: #ffffff; border-radius: 3px; padding: 2px 8px;
    font-weight: 700;
}
QLabel#Chip {
    background: #e6eef6; color: #1f2933; border: 1px solid #c3d3e4; border-radius: 9px;
    padding: 2px 9px;
}
QLabel#AccessChip {
    background: #e8f3ec; color: #1e5631; border: 1px solid #a9cdb5; border-radius: 9px;
    padding: 2px 9px; font-weight: 600;
}
QFrame#ClosedBanner { background: #eceff3; border: 1px solid #c8d0da; border-radius: 4px; }
QLabel#ClosedText { font-weight: 600; color: #1f2933; }
QTabBar::tab { padding: 7px 16px; font-size: 10.5pt; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("CasePanel", text)


def access_texts(relation: Relation) -> tuple[str, str]:
    """The header chip (and its tooltip) for a case the user reaches other than as her own."""
    if relation is Relation.SHARED_READ:
        return tr("Delat – läsa"), tr("Ärendet är delat med dig. Du kan läsa men inte skriva.")
    if relation is Relation.SHARED_WRITE:
        return tr("Delat – läsa och skriva"), tr(
            "Ärendet är delat med dig. Du kan läsa och skriva i det."
        )
    if relation is Relation.UNIT_CASE:
        return tr("Enhetschef (läsa)"), tr("Du läser enhetens ärende som enhetschef.")
    return "", ""


class CasePanel(QWidget):
    """A case, opened once (audited) and kept fresh from `runner.changed`."""

    back_requested = Signal()
    open_case_requested = Signal(str)  # another case's id ("Även i ärende …")

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(LOCAL_STYLE)
        self._services, self._runner, self._case_id = services, runner, case_id
        self._today = today_for(services.cases.ctx)
        self.details: CaseDetails | None = None
        self._pending_entry: int | None = None
        self._resume: CasePlace | None = None
        self._ended = False  # nödåtkomst ran out: the case's widgets are gone
        self.ended_page: EmergencyEnded | None = None

        # Before the case is open: a neutral line and the way back.
        self.loading_label = styled_label(tr("Öppnar ärendet…"), "muted")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.load_error = ErrorLabel()
        self.load_error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        loading = QWidget()
        loading_layout = QVBoxLayout(loading)
        loading_layout.addStretch(1)
        loading_layout.addWidget(self.loading_label)
        loading_layout.addWidget(self.load_error)
        loading_layout.addStretch(2)

        self.back_button = QPushButton(tr("← Tillbaka"))
        self.back_button.setAutoDefault(False)
        self.back_button.setToolTip(tr("Tillbaka till listan (Alt+Vänsterpil eller Esc)"))
        self.number_label = heading("", 1)
        self.number_label.setWordWrap(False)
        self.status_chip = chip("", "StatusChip")
        self.protected_badge = chip(tr("SKYDDAD"), "ProtectedBadge")
        self.protected_badge.setToolTip(tr("Ärendet rör en person med skyddade personuppgifter"))
        self.child_chip = chip(tr("Barnärende"))
        self.access_chip = chip("", "AccessChip")
        self.facts_label = styled_label("", "muted")
        self.next_button = QPushButton("")
        self.close_button = QPushButton(tr("Avsluta ärende…"))
        self.reopen_button = QPushButton(tr("Återöppna…"))
        self.share_button = QPushButton(tr("Dela…"))
        self.share_button.setToolTip(tr("Dela ärendet med en kollega, eller ta bort en delning"))
        self.summary_button = QPushButton(tr("Sammanställning…"))
        self.summary_button.setToolTip(tr("Skriv ut en sammanställning av ärendet för akten"))
        self.summary_button.setAutoDefault(False)
        for button in (self.next_button, self.close_button, self.reopen_button, self.share_button):
            button.setAutoDefault(False)
        self.error = ErrorLabel()
        self.closed_text = styled_label("")
        self.closed_text.setObjectName("ClosedText")
        self.closed_banner = QFrame()
        self.closed_banner.setObjectName("ClosedBanner")
        banner_layout = QHBoxLayout(self.closed_banner)
        banner_layout.setContentsMargins(12, 6, 12, 6)
        banner_layout.addWidget(self.closed_text, 1)

        header = QFrame()
        header.setObjectName("CaseHeader")
        # One line when there is room; in a narrow window the chips and then the buttons wrap
        # onto lines of their own instead of cutting the case number or a button's text.
        top = FlowLayout(spacing=8)
        for widget in (
            self.back_button,
            self.number_label,
            self.status_chip,
            self.protected_badge,
            self.child_chip,
            self.access_chip,
        ):
            top.add(widget)
        for button in (
            self.summary_button,
            self.share_button,
            self.next_button,
            self.close_button,
            self.reopen_button,
        ):
            top.add(button, trailing=True)
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(16, 10, 16, 10)
        header_layout.setSpacing(4)
        header_layout.addLayout(top)
        header_layout.addWidget(self.facts_label)
        header_layout.addWidget(self.error)
        header_layout.addWidget(self.closed_banner)

        self.overview = CaseOverview(services, runner, case_id, self._today)
        self.journal = JournalPanel(services, runner, case_id, self._today)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.overview, tr("Översikt"))
        self.tabs.addTab(self.journal, tr("Journal"))

        self.risk_tab = RiskTab(services, runner, case_id, self._today)
        self.tabs.addTab(self.risk_tab, tr("Bedömningar"))
        self.overview.risk_line.open_requested.connect(
            lambda: self.tabs.setCurrentWidget(self.risk_tab)
        )
        self.access_tab = CaseAccessTab(services, runner, case_id)
        self.tabs.addTab(self.access_tab, tr("Åtkomst"))
        self.tabs.setTabToolTip(
            self.tabs.indexOf(self.access_tab), tr("Vem har sett det här ärendet?")
        )

        self.care_tab = CareTab(services, runner, case_id, self._today)
        self.tabs.insertTab(self.tabs.indexOf(self.access_tab), self.care_tab, tr("Insatser"))
        self.summary_button.clicked.connect(self.care_tab.care_actions.case_summary)
        self.overview.care_line.open_requested.connect(
            lambda: self.tabs.setCurrentWidget(self.care_tab)
        )
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(16, 6, 16, 8)
        body_layout.addWidget(self.tabs)
        case_page = QWidget()
        case_layout = QVBoxLayout(case_page)
        case_layout.setContentsMargins(0, 0, 0, 0)
        case_layout.setSpacing(0)
        self.emergency_banner = EmergencyBanner(services.cases.ctx.now)
        case_layout.addWidget(self.emergency_banner)
        case_layout.addWidget(header)
        case_layout.addWidget(body, 1)

        self.pages = PageStack()
        self.pages.addWidget(loading)
        self.pages.addWidget(case_page)
        self._loading_page, self._case_page = loading, case_page
        self._loading_back = QPushButton(tr("← Tillbaka"))
        self._loading_back.setAutoDefault(False)
        loading_layout.insertWidget(0, self._loading_back, 0, Qt.AlignmentFlag.AlignLeft)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)

        self.back_button.clicked.connect(self.back_requested)
        self._loading_back.clicked.connect(self.back_requested)
        for keys in ("Alt+Left", "Escape"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.back_requested)
        self.next_button.clicked.connect(self.advance)
        self.close_button.clicked.connect(self.close_case)
        self.reopen_button.clicked.connect(self.reopen_case)
        self.share_button.clicked.connect(self.share_case)
        self.emergency_banner.end_requested.connect(self.end_emergency)
        self.emergency_banner.expired.connect(self.emergency_ended)
        self.overview.open_case_requested.connect(self.open_case_requested)
        self.overview.facts_section.case_left.connect(self._handed_over)
        runner.changed.connect(self._changed)

        cases = services.cases
        runner.run(
            lambda: cases.open_case(case_id),
            parent=self,
            success=self._opened,
            failure=self._open_failed,
        )

    # -- loading ---------------------------------------------------------------------------

    @property
    def case_id(self) -> str:
        return self._case_id

    @property
    def is_open(self) -> bool:
        return self.details is not None

    @property
    def ended(self) -> bool:
        """Nödåtkomst ran out while the case was shown; nothing of it is left."""
        return self._ended

    def _opened(self, details: CaseDetails) -> None:
        if self._ended:
            return
        self._show(details)
        self.pages.setCurrentWidget(self._case_page)
        self.journal.reload()
        if self._pending_entry is not None:
            self.journal.show_entry(self._pending_entry)
            self._pending_entry = None
        self.back_button.setFocus()
        if self._resume is not None:
            self._apply_resume()

    def _open_failed(self, message: str) -> None:
        if self._ended:
            return
        self.loading_label.setText(tr("Ärendet kunde inte öppnas."))
        self.load_error.show_message(message)

    def _changed(self, changes: object) -> None:
        if self.details is None or not isinstance(changes, (set, frozenset)):
            return
        if changes & {"cases", "journal"}:
            self._reload_timer.start()

    def reload(self) -> None:
        """Fetch the case again (not audited: the case is already open in this view)."""
        if self.details is None:
            return
        cases, case_id = self._services.cases, self._case_id
        self._runner.run(
            lambda: cases.details(case_id),
            parent=self,
            success=self._show,
            failure=self._show_error,
        )
        self.journal.reload()

    def show_entry(self, entry_id: int) -> None:
        """Show the Journal tab with this entry selected (once the case has loaded)."""
        if self._ended:
            return
        self.tabs.setCurrentWidget(self.journal)
        if self.details is None:
            self._pending_entry = entry_id
        else:
            self.journal.show_entry(entry_id)

    def show_tab(self, tab: str) -> None:
        """Show one tab by its name (Bevakningar: "overview", "journal", "assessments",
        "care"); an unknown name leaves the tab as it is."""
        widgets = {
            "overview": self.overview,
            "journal": self.journal,
            "assessments": self.risk_tab,
            "care": self.care_tab,
        }
        widget = widgets.get(tab)
        if widget is not None and not self._ended:
            self.tabs.setCurrentWidget(widget)

    def case_heading(self) -> CaseHeading | None:
        """The case as the banner of every dialog opened from this view names it."""
        return case_heading(self.details) if self.details is not None else None

    # -- the way back after a lock ------------------------------------------------------------

    def place(self) -> CasePlace:
        """Where the user is in this case: the tab, and the draft editor that is open."""
        editor = None
        for dialog in self.findChildren(QDialog):
            resume_point = getattr(dialog, "resume_point", None)
            if dialog.isVisible() and callable(resume_point):
                editor = resume_point() or editor
        return CasePlace(self._case_id, max(0, self.tabs.currentIndex()), editor)

    def resume(self, place: CasePlace) -> None:
        """Go back to `place` once the case is open: its tab, then its draft in its editor."""
        self._resume = place
        if self.details is not None:
            self._apply_resume()

    def _apply_resume(self) -> None:
        place, self._resume = self._resume, None
        if place is None or self.details is None:
            return
        self.tabs.setCurrentIndex(place.tab)
        editor = place.editor
        if editor is None or not self.details.writable:
            return
        target = editor.target()
        if editor.kind is EditorKind.JOURNAL:
            self.journal.reopen(target if isinstance(target, int) else None)
        elif target is None:
            return
        elif editor.kind is EditorKind.CARE_PLAN:
            self.care_tab.care_actions.reopen_plan(str(target))
        elif editor.kind is EditorKind.ASSESSMENT:
            self.risk_tab.open_assessment(str(target))
        elif editor.kind is EditorKind.SAFETY_PLAN:
            self.risk_tab.open_plan(str(target), edit=True)

    def forget(self) -> None:
        """Drop what is shown of the case (lock, switch user)."""
        if self._ended:
            return
        self.overview.forget_revealed()
        self.journal.model.clear()

    def _show_error(self, message: str) -> None:
        if self._ended:
            return
        self.emergency_banner.check()  # refused because the nödåtkomst just ran out?
        if not self._ended:
            self.error.show_message(message)

    # -- header ----------------------------------------------------------------------------

    def _show(self, details: CaseDetails) -> None:
        if self._ended:
            return
        self.details = details
        self.error.clear_message()
        self.number_label.setText(details.number)
        self.status_chip.setText(STATUS_LABELS[details.status])
        self.protected_badge.setVisible(details.protected)
        self.child_chip.setVisible(details.is_child_case)
        access, access_tip = access_texts(details.access)
        self.access_chip.setText(access)
        self.access_chip.setToolTip(access_tip)
        self.access_chip.setVisible(bool(access))
        self.share_button.setVisible(details.may_share)
        self.emergency_banner.set_grant(details.emergency)
        self.facts_label.setText(self._facts(details))
        following = following_status(details.status)
        self.next_button.setVisible(following is not None)
        if following is not None:
            self.next_button.setText(tr("Nästa steg: {0}").format(STATUS_LABELS[following]))
        closed = details.status is CaseStatus.CLOSED
        self.next_button.setEnabled(details.writable)
        self.close_button.setVisible(not closed)
        self.close_button.setEnabled(details.writable)
        self.reopen_button.setVisible(closed)
        self.reopen_button.setEnabled(details.can_reopen)
        self.closed_banner.setVisible(closed)
        if closed:
            text = tr("Avslutat {0} — {1}").format(details.closed_on or "", details.closing_reason)
            if details.closing_detail:
                text += f" ({details.closing_detail})"
            if details.closing_text:
                text += f"\n{details.closing_text}"
            text += "\n" + tr("Ärendet kan bara läsas.")
            self.closed_text.setText(text)
        self.overview.show_details(details)
        self.journal.set_writable(details.writable)

    def _facts(self, details: CaseDetails) -> str:
        intake = f"{INTAKE_LABELS[details.intake_kind]} {details.intake_date}"
        if details.reporter:
            intake += tr(" från {0}").format(details.reporter)
        return tr("Ansvarig: {0}   ·   Aktualisering: {1}").format(details.responsible, intake)

    # -- actions ---------------------------------------------------------------------------

    def advance(self) -> None:
        if self.details is None:
            return
        target = following_status(self.details.status)
        if target is None:
            return
        self.error.clear_message()
        # The status and the investigation record move together: "Utredning" begins with the
        # investigation's start date, basis and method; a running investigation ends (date,
        # outcome) as the case moves on to beslut/insats.
        if target is CaseStatus.INVESTIGATION:
            StartInvestigationDialog(
                self._services,
                self._runner,
                self._case_id,
                self._today,
                self.details.is_child_case and bool(self.details.reports),
                self,
            ).open()
            return
        if target is CaseStatus.INTERVENTION and self.details.investigation_running:
            EndInvestigationDialog(
                self._services, self._runner, self._case_id, self._today, self, advance=True
            ).open()
            return
        cases, case_id = self._services.cases, self._case_id
        self._runner.run(
            lambda: cases.advance_status(case_id, target),
            parent=self,
            failure=self._show_error,
            busy=Busy(self.next_button, tr("Ändrar status…")),
            changes={"cases", "journal"},
        )

    def _handed_over(self) -> None:
        """The user handed the case to a colleague and can no longer open it: back to the
        list, with nothing of the case left on screen."""
        if self._ended:
            return
        self.forget()
        self.back_requested.emit()

    def close_case(self) -> None:
        running = self.details is not None and self.details.investigation_running
        dialog = CloseCaseDialog(
            self._services, self._runner, self._case_id, self, investigation_running=running
        )
        dialog.open()

    def reopen_case(self) -> None:
        dialog = ReopenDialog(self._services, self._runner, self._case_id, self)
        dialog.open()

    def share_case(self) -> None:
        if self.details is None or not self.details.may_share:
            return
        ShareDialog(self._services, self._runner, self._case_id, self._today, self).open()

    # -- nödåtkomst ------------------------------------------------------------------------

    def end_emergency(self) -> None:
        """End the nödåtkomst now and leave the case."""
        sharing, case_id = self._services.sharing, self._case_id
        self._runner.run(
            lambda: sharing.end_emergency(case_id),
            parent=self,
            success=lambda _: self.back_requested.emit(),
            failure=self._show_error,
            busy=Busy(self.emergency_banner.end_button, tr("Avslutar…")),
            changes={"cases"},
        )

    def emergency_ended(self) -> None:
        """The access ran out: throw the case's widgets away; a message and the way back stay."""
        if self._ended:
            return
        self._ended = True
        self.details = None
        for dialog in self.findChildren(QDialog):
            dialog.done(QDialog.DialogCode.Rejected.value)
        self.overview.forget_revealed()
        self.journal.model.clear()
        page = EmergencyEnded()
        page.back_requested.connect(self.back_requested)
        self.ended_page = page
        self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        case_page, self._case_page = self._case_page, page
        case_page.setParent(None)
        case_page.deleteLater()
        page.back_button.setFocus()
