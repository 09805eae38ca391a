"""Protection follows the address: a yellow notice in the person dialogs that proposes the
protection level of the person someone lives with (or of the protected main person, for her
child), and sets it with one click.

The service decides (`PersonService.protection_proposal`); the notice only says what it
proposes and why, and emits `chosen` with the level when the user accepts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from vinr_desktop.domain.persons import (
    PROTECTION_LABELS,
    ContactDetails,
    PersonRole,
    ProtectionLevel,
    ProtectionProposal,
)
from vinr_desktop.services.cases.persons import PersonService
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label

ASK_DELAY_MS = 250


def tr(text: str) -> str:
    return QCoreApplication.translate("ProtectionProposal", text)


class ProtectionProposer(QFrame):
    """Asks the service whether a person should get a protection level, and proposes it."""

    chosen = Signal(object)  # ProtectionLevel

    def __init__(
        self,
        persons: PersonService,
        runner: OperationRunner,
        case_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Notice")
        self._persons, self._runner, self._case_id = persons, runner, case_id
        self._serial = 0
        self._stopped = False
        self._question: tuple[PersonRole, ContactDetails | None, str | None] | None = None
        self.proposal: ProtectionProposal | None = None
        self.label = styled_label("")
        self.accept_button = QPushButton()
        self.accept_button.setAutoDefault(False)
        self.accept_button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ASK_DELAY_MS)
        self._timer.timeout.connect(self.ask_now)
        self.accept_button.clicked.connect(self._accept)
        self.hide()

    def ask(
        self,
        role: PersonRole,
        contact: ContactDetails | None = None,
        person_id: str | None = None,
    ) -> None:
        """Ask (after a short pause, so typing is not interrupted) for this person."""
        self._question = (role, contact, person_id)
        self._timer.start()

    def ask_now(self) -> None:
        self._timer.stop()
        if self._question is None or self._stopped:
            return
        role, contact, person_id = self._question
        self._serial += 1
        serial, persons, case_id = self._serial, self._persons, self._case_id
        self._runner.run(
            lambda: persons.protection_proposal(case_id, role, contact, person_id),
            parent=self,
            success=lambda proposal: self._show(serial, proposal),
            failure=lambda _message: self._show(serial, None),
        )

    def stop(self) -> None:
        """The dialog is closing: ask nothing more (no work left running after it)."""
        self._stopped = True
        self._timer.stop()

    def _show(self, serial: int, proposal: ProtectionProposal | None) -> None:
        if serial != self._serial:
            return  # a newer question is on its way
        self.proposal = proposal
        if proposal is None:
            self.hide()
            return
        level = PROTECTION_LABELS[proposal.level].lower()
        self.label.setText(tr(proposal.text) + " " + tr("Ge personen samma skydd?"))
        self.accept_button.setText(tr("Sätt {0}").format(level))
        self.accept_button.setEnabled(True)
        self.show()

    def _accept(self) -> None:
        if self.proposal is None:
            return
        level: ProtectionLevel = self.proposal.level
        self.label.setText(
            tr("Personen får {0}. Adress och kontaktuppgifter döljs.").format(
                PROTECTION_LABELS[level].lower()
            )
        )
        self.accept_button.setEnabled(False)
        self.chosen.emit(level)

    def accepted_level(self) -> ProtectionLevel | None:
        """The level the user accepted, if she did."""
        if self.proposal is None or self.accept_button.isEnabled() or self.isHidden():
            return None
        return self.proposal.level
