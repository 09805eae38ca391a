"""Hembesöksläge: the one page the workspace shows while a visit goes on — a banner (the time
back, Avsluta besöket, Lämna läget; Skärmskydd is in the top bar) above the visited case. The
case's own way back to the list is gone; other cases are refused by the services anyway."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from vinr_desktop.domain.journal import EntryKind
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.services.home_visits.visits import HomeVisitService
from vinr_desktop.ui.cases.case_panel import CasePanel
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.resume import CasePlace
from vinr_desktop.ui.common.widgets import styled_label
from vinr_desktop.ui.home_visits.client_view import ClientViewDialog
from vinr_desktop.ui.home_visits.finish_dialog import FinishVisitDialog, LeaveModeDialog
from vinr_desktop.ui.home_visits.screen_guard import capture_exclusion_available
from vinr_desktop.views.home_visits import OpenVisit
from vinr_desktop.views.time_text import clock_text

STYLE = """
QFrame#VisitBanner { background: #e6f0ea; border-bottom: 1px solid #9cc1a8; }
QFrame#VisitBanner[overdue="true"] { background: #fbe9e7; border-bottom: 1px solid #b3261e; }
QLabel#VisitTitle { font-weight: 700; }
"""


def tr(text: str) -> str:
    return QCoreApplication.translate("HomeVisits", text)


class VisitModePage(QWidget):
    ended = Signal()  # the visit was checked out or the mode left: the ordinary workspace

    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        visit: OpenVisit,
        case_panel: CasePanel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self._runner, self.visit = runner, visit
        self.visits = HomeVisitService(services.cases.ctx)
        self._services = services
        self.case_panel = case_panel
        # No way back to a list: there is none in this mode.
        case_panel.back_button.hide()
        self.dialog: QWidget | None = None
        back = clock_text(visit.expected_back_utc)
        self.title = styled_label(tr("Hembesök pågår"))
        self.title.setObjectName("VisitTitle")
        self.back_label = styled_label(
            tr("Ring din kollega – du skulle varit tillbaka {0}").format(back)
            if visit.overdue
            else tr("Tillbaka senast {0}").format(back),
            "muted",
        )
        capture = (
            tr("Skärmdumpsskydd: på")
            if capture_exclusion_available()
            else tr("Skärmdumpsskydd: finns inte här")
        )
        self.capture_label = styled_label(capture, "muted")
        self.capture_label.setToolTip(
            tr(
                "På Windows hålls fönstret utanför skärmdumpar och skärmdelning. Andra system "
                "erbjuder inte det."
            )
        )
        self.note_button = QPushButton(tr("Anteckning…"))
        self.note_button.setToolTip(tr("Ny journalanteckning av typen hembesök (sparas löpande)"))
        self.client_button = QPushButton(tr("Klientvy…"))
        self.client_button.setToolTip(
            tr("Visa klientens vårdplan eller uppföljning i stor text, utan journal")
        )
        self.finish_button = QPushButton(tr("Avsluta besöket…"))
        self.leave_button = QPushButton(tr("Lämna läget…"))
        self.leave_button.setToolTip(tr("Lämna hembesöksläget utan att avsluta besöket"))
        for button in (
            self.note_button,
            self.client_button,
            self.finish_button,
            self.leave_button,
        ):
            button.setAutoDefault(False)
        banner = QFrame()
        banner.setObjectName("VisitBanner")
        banner.setProperty("overdue", "true" if visit.overdue else "false")
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self.title)
        texts.addWidget(self.back_label)
        texts.addWidget(self.capture_label)
        row = QHBoxLayout(banner)
        row.setContentsMargins(16, 6, 16, 6)
        row.addLayout(texts, 1)
        row.addWidget(self.note_button)
        row.addWidget(self.client_button)
        row.addWidget(self.finish_button)
        row.addWidget(self.leave_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(banner)
        layout.addWidget(case_panel, 1)
        self.note_button.clicked.connect(self.write_note)
        self.client_button.clicked.connect(self.client_view)
        self.finish_button.clicked.connect(self.finish)
        self.leave_button.clicked.connect(self.leave)

    def write_note(self) -> None:
        """The journal's own editor (autosaved draft, signing), opened as a hembesök note."""
        journal = self.case_panel.journal
        self.case_panel.tabs.setCurrentWidget(journal)
        fresh = journal.editor is None
        journal.new_entry()
        editor = journal.editor
        if fresh and editor is not None:
            # Without a change signal: an untouched note leaves no empty draft behind; the kind
            # is saved with the first words she types.
            editor.kind.blockSignals(True)
            editor.kind.setCurrentIndex(max(0, editor.kind.findData(EntryKind.HOME_VISIT.value)))
            editor.kind.blockSignals(False)

    def client_view(self) -> None:
        dialog = ClientViewDialog(self._services, self._runner, self.visit.case_id, self)
        self.dialog = dialog
        dialog.showMaximized()

    def finish(self) -> None:
        dialog = FinishVisitDialog(
            self.visits, self._runner, self.visit.case_id, self.visit.visit_id, parent=self
        )
        dialog.succeeded.connect(lambda _entry: self.ended.emit())
        self.dialog = dialog
        dialog.open()

    def leave(self) -> None:
        dialog = LeaveModeDialog(self.visits, self._runner, parent=self)
        dialog.succeeded.connect(lambda _none: self.ended.emit())
        self.dialog = dialog
        dialog.open()

    def place(self) -> CasePlace:
        return self.case_panel.place()

    def resume(self, place: CasePlace) -> None:
        self.case_panel.resume(place)
