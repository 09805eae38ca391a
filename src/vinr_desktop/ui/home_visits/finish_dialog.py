"""Checking out of a visit (Avsluta hembesöket) and leaving the visit mode without it (with
the password). Both end the visit mode; the main window then builds the ordinary workspace."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QButtonGroup, QComboBox, QLineEdit, QRadioButton, QWidget

from vinr_desktop.domain.home_visits import INCIDENT_LABELS, Incident, VisitOutcome
from vinr_desktop.services.home_visits.visits import HomeVisitService
from vinr_desktop.ui.common.forms import ServiceDialog, text_edit
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import password_edit, styled_label
from vinr_desktop.ui.home_visits.times import local_now, moment_at, time_edit


def tr(text: str) -> str:
    return QCoreApplication.translate("HomeVisits", text)


class FinishVisitDialog(ServiceDialog):
    """Held or not, the time back, who took part, any incident (hot, våld, annat): a signed
    journal entry "Hembesök genomfört" is written and the visit mode ends."""

    def __init__(
        self,
        visits: HomeVisitService,
        runner: OperationRunner,
        case_id: str,
        visit_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Avsluta hembesöket"),
            tr("Signera och avsluta"),
            tr("Avslutar…"),
            runner,
            parent,
            changes=frozenset({"home_visits", "journal", "cases"}),
        )
        self.setMinimumWidth(540)
        self._visits, self._case_id, self._visit_id = visits, case_id, visit_id
        self._today = local_now(visits.ctx.now())
        self.held = QRadioButton(tr("Besöket genomfördes"))
        self.not_held = QRadioButton(tr("Besöket blev inte av"))
        self.held.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.held)
        group.addButton(self.not_held)
        self.back = time_edit(self._today)
        self.participants = QLineEdit()
        self.participants.setPlaceholderText(tr("Klienten, kollega, väktare …"))
        self.incident = QComboBox()
        for incident in Incident:
            self.incident.addItem(INCIDENT_LABELS[incident], incident.value)
        self.incident_text = QLineEdit()
        self.incident_text.setPlaceholderText(tr("Vad hände? Skriv inga namn på andra."))
        self.incident_text.setEnabled(False)
        self.incident.currentIndexChanged.connect(
            lambda _i: self.incident_text.setEnabled(
                self.incident.currentData() != Incident.NONE.value
            )
        )
        self.note = text_edit(70)
        self.form.addRow(tr("Besöket"), self.held)
        self.form.addRow("", self.not_held)
        self.form.addRow(tr("Tillbaka"), self.back)
        self.form.addRow(tr("Deltog"), self.participants)
        self.form.addRow(tr("Incident"), self.incident)
        self.form.addRow("", self.incident_text)
        self.form.addRow(tr("Anteckning"), self.note)
        self.form.addRow(
            "",
            styled_label(
                tr(
                    "En signerad journalanteckning skrivs. Hot och våld räknas också i "
                    "enhetens arbetsmiljöuppföljning, utan uppgifter ur ärendet."
                ),
                "muted",
            ),
        )

    def call(self) -> Callable[[], int]:
        outcome = VisitOutcome(
            held=self.held.isChecked(),
            back_at=moment_at(self._today, self.back),
            participants=self.participants.text(),
            incident=Incident(self.incident.currentData()),
            incident_text=self.incident_text.text() if self.incident_text.isEnabled() else "",
            note=self.note.toPlainText(),
        )
        visits, case_id, visit_id = self._visits, self._case_id, self._visit_id
        return lambda: visits.finish(case_id, visit_id, outcome)


class LeaveModeDialog(ServiceDialog):
    """Lämna hembesöksläget: the password, proved by the service (full key derivation)."""

    def __init__(
        self, visits: HomeVisitService, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            tr("Lämna hembesöksläget"),
            tr("Lämna läget"),
            tr("Kontrollerar…"),
            runner,
            parent,
            changes=frozenset({"home_visits"}),
        )
        self._visits = visits
        self.password = password_edit(tr("Lösenord"))
        self.password.setAccessibleName(tr("Lösenord"))
        self.form.addRow(
            styled_label(
                tr(
                    "Hela programmet blir åtkomligt igen. Besöket pågår tills du avslutar det "
                    "under fliken Hembesök i ärendet."
                ),
                "muted",
            )
        )
        self.form.addRow(tr("Ditt lösenord"), self.password)
        self.password.returnPressed.connect(self.submit)
        self.password.setFocus()

    def call(self) -> Callable[[], None]:
        visits, password = self._visits, self.password.text()
        self.password.clear()
        return lambda: visits.leave_mode(password)
