"""What the letters' buttons do: open the kommunicering, sent, appeal, omprövning and court
dialogs, and print the letters through the one document printer. One object per tab; it keeps
the last dialog it opened (`dialog`) so tests and screenshots can reach it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from vinr_desktop.domain.redaction import DocumentKind, Recipient
from vinr_desktop.services.casework import CaseWorkServices
from vinr_desktop.ui.common.document_print import DocumentPrinter
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.letters.dialogs import (
    AnswerDialog,
    AppealDialog,
    CommunicationDialog,
    CourtDialog,
    ReviewDialog,
    SentDialog,
)
from vinr_desktop.views.care import DecisionView
from vinr_desktop.views.letters import CommunicationView, DecisionLetters


class LetterActions(QObject):
    def __init__(
        self,
        services: CaseWorkServices,
        runner: OperationRunner,
        case_id: str,
        today: date,
        printer: DocumentPrinter,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._letters, self._runner, self._case_id = services.letters, runner, case_id
        self._today, self._printer, self._parent = today, printer, parent
        self.dialog: QDialog | None = None

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def communicate(self, decision: DecisionView) -> None:
        self._open(
            CommunicationDialog(
                self._letters, self._runner, self._case_id, decision, self._today, self._parent
            )
        )

    def answer(self, decision: DecisionView, communication: CommunicationView) -> None:
        self._open(
            AnswerDialog(
                self._letters,
                self._runner,
                self._case_id,
                decision,
                communication,
                self._today,
                self._parent,
            )
        )

    def print_communication(self, communication_id: str) -> None:
        self._printer.case_document(
            DocumentKind.COMMUNICATION_LETTER, self._case_id, communication_id, Recipient.CLIENT
        )

    def write_letter(self, decision: DecisionView) -> None:
        """The beslutsmeddelande for the client (or its copy for the file), previewed first."""
        self._printer.case_document(
            DocumentKind.DECISION_LETTER, self._case_id, decision.decision_id, Recipient.CLIENT
        )

    def record_sent(self, decision: DecisionView, state: DecisionLetters) -> None:
        self._open(
            SentDialog(
                self._letters,
                self._runner,
                self._case_id,
                decision,
                state,
                self._today,
                self._parent,
            )
        )

    def appeal(self, decision: DecisionView, state: DecisionLetters) -> None:
        self._open(
            AppealDialog(
                self._letters,
                self._runner,
                self._case_id,
                decision,
                state,
                self._today,
                self._parent,
            )
        )

    def review(self, decision: DecisionView) -> None:
        self._open(
            ReviewDialog(
                self._letters, self._runner, self._case_id, decision, self._today, self._parent
            )
        )

    def court(self, decision: DecisionView) -> None:
        self._open(
            CourtDialog(
                self._letters, self._runner, self._case_id, decision, self._today, self._parent
            )
        )
