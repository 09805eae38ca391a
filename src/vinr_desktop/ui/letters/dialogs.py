"""The small forms of the letters to the client: kommunicering and her answer, the decision
letter sent, the appeal, the nämnd's omprövning and the court's outcome. Each is a
`ServiceDialog`: OK runs one service call; a Swedish refusal is shown in the dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QWidget

from vinr_desktop.domain.appeals import COURT_LABELS, REVIEW_LABELS, CourtOutcome, ReviewOutcome
from vinr_desktop.domain.communication import HOW_LABELS, CommunicationHow
from vinr_desktop.domain.decision_letters import DELIVERY_LABELS, DeliveryHow
from vinr_desktop.services.letters.service import LetterService
from vinr_desktop.ui.common.case_banner import add_case_banner
from vinr_desktop.ui.common.forms import (
    ServiceDialog,
    choice_combo,
    date_edit,
    date_of,
    text_edit,
)
from vinr_desktop.ui.common.operations import OperationRunner
from vinr_desktop.ui.common.widgets import styled_label
from vinr_desktop.views.care import DecisionView
from vinr_desktop.views.letters import CommunicationView, DecisionLetters

LETTER_CHANGES = frozenset({"care", "journal"})
ANSWER_DAYS = 14  # the last day to answer proposed: two weeks after the kommunicering


def tr(text: str) -> str:
    return QCoreApplication.translate("LetterDialogs", text)


def decision_words(decision: DecisionView) -> str:
    """'Avslag 2026-03-02 – Stödsamtal' (or 'Utkast – Stödsamtal')."""
    outcome = f"{decision.outcome_label} {decision.decided_on}" if decision.signed_utc else ""
    return " – ".join(p for p in (outcome.strip() or tr("Utkast"), decision.insats_label) if p)


class _LetterDialog(ServiceDialog):
    def __init__(
        self,
        title: str,
        ok_text: str,
        letters: LetterService,
        runner: OperationRunner,
        case_id: str,
        decision: DecisionView,
        parent: QWidget | None,
    ) -> None:
        super().__init__(title, ok_text, tr("Sparar…"), runner, parent, changes=LETTER_CHANGES)
        self.letters, self.case_id, self.decision = letters, case_id, decision
        add_case_banner(self, case_id)
        self.form.addRow(tr("Beslut"), styled_label(decision_words(decision)))


class CommunicationDialog(_LetterDialog):
    """Kommunicering before the decision: what, when, how and her last day to answer."""

    def __init__(
        self,
        letters: LetterService,
        runner: OperationRunner,
        case_id: str,
        decision: DecisionView,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Kommunicering"), tr("Registrera"), letters, runner, case_id, decision, parent
        )
        self.communicated_on = date_edit(today, today)
        self.how = choice_combo((h, tr(label)) for h, label in HOW_LABELS.items())
        self.material = text_edit(80)
        self.material.setPlaceholderText(tr("Vilket underlag: t.ex. utredningen daterad …"))
        self.answer_by = date_edit(today + timedelta(days=ANSWER_DAYS))
        self.form.addRow(tr("Kommunicerat"), self.communicated_on)
        self.form.addRow(tr("Hur"), self.how)
        self.form.addRow(tr("Underlag"), self.material)
        self.form.addRow(tr("Svar senast"), self.answer_by)
        self.body.insertWidget(
            1,
            styled_label(
                tr(
                    "Innan ett beslut som går klienten emot ska hon få ta del av underlaget och "
                    "svara. Kommuniceringen skrivs i journalen."
                ),
                "muted",
            ),
        )

    def call(self) -> Callable[[], Any]:
        letters, case_id, decision_id = self.letters, self.case_id, self.decision.decision_id
        on, how = date_of(self.communicated_on), CommunicationHow(self.how.currentData())
        material, answer_by = self.material.toPlainText(), date_of(self.answer_by)
        return lambda: letters.record_communication(
            case_id, decision_id, on, how, material, answer_by
        )


class AnswerDialog(_LetterDialog):
    """Her answer to one kommunicering."""

    def __init__(
        self,
        letters: LetterService,
        runner: OperationRunner,
        case_id: str,
        decision: DecisionView,
        communication: CommunicationView,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Svar på kommunicering"),
            tr("Registrera"),
            letters,
            runner,
            case_id,
            decision,
            parent,
        )
        self.communication = communication
        self.form.addRow(
            tr("Kommunicerat"),
            styled_label(f"{communication.communicated_on} ({communication.how_label.lower()})"),
        )
        self.answered_on = date_edit(today, today)
        self.answer = text_edit(80)
        self.answer.setPlaceholderText(tr("Hennes synpunkter, eller att hon avstod från att svara"))
        self.form.addRow(tr("Svarade"), self.answered_on)
        self.form.addRow(tr("Svar"), self.answer)

    def call(self) -> Callable[[], Any]:
        letters, case_id = self.letters, self.case_id
        communication_id = self.communication.communication_id
        on, answer = date_of(self.answered_on), self.answer.toPlainText()
        return lambda: letters.record_answer(case_id, communication_id, on, answer)


class SentDialog(_LetterDialog):
    """The beslutsmeddelande was sent: when, how, and the day she got it when known."""

    def __init__(
        self,
        letters: LetterService,
        runner: OperationRunner,
        case_id: str,
        decision: DecisionView,
        state: DecisionLetters,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Beslutsmeddelande skickat"),
            tr("Registrera"),
            letters,
            runner,
            case_id,
            decision,
            parent,
        )
        self.sent_on = date_edit(today, today)
        self.how = choice_combo((h, tr(label)) for h, label in DELIVERY_LABELS.items())
        self.known = QCheckBox(tr("Jag vet när klienten fick beslutet"))
        self.received_on = date_edit(today, today)
        self.language = choice_combo(state.languages)
        self.form.addRow(tr("Skickat"), self.sent_on)
        self.form.addRow(tr("Hur"), self.how)
        self.form.addRow("", self.known)
        self.form.addRow(tr("Klienten fick det"), self.received_on)
        self.form.addRow(tr("Språk"), self.language)
        self.form.setRowVisible(self.language, self.language.count() > 1)
        self.body.insertWidget(
            1,
            styled_label(
                tr(
                    "Tiden att överklaga räknas från dagen då klienten fick beslutet. "
                    "Överlämnat vid besök: den dagen."
                ),
                "muted",
            ),
        )
        self.how.currentIndexChanged.connect(self._how_changed)
        self.known.toggled.connect(self._how_changed)
        self._how_changed()

    def _how_changed(self) -> None:
        visit = self.how.currentData() == DeliveryHow.VISIT
        self.form.setRowVisible(self.known, not visit)
        self.form.setRowVisible(self.received_on, not visit and self.known.isChecked())

    def call(self) -> Callable[[], Any]:
        letters, case_id, decision_id = self.letters, self.case_id, self.decision.decision_id
        how = DeliveryHow(self.how.currentData())
        sent_on = date_of(self.sent_on)
        received = (
            date_of(self.received_on)
            if how is not DeliveryHow.VISIT and self.known.isChecked()
            else None
        )
        language = str(self.language.currentData() or "sv")
        return lambda: letters.record_sent(case_id, decision_id, sent_on, how, received, language)


class AppealDialog(_LetterDialog):
    """An appeal reached the nämnd: the day, and what the program counts from it."""

    def __init__(
        self,
        letters: LetterService,
        runner: OperationRunner,
        case_id: str,
        decision: DecisionView,
        state: DecisionLetters,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Överklagande"), tr("Registrera"), letters, runner, case_id, decision, parent
        )
        self.appealed_on = date_edit(today, today)
        self.note = text_edit(60)
        self.note.setPlaceholderText(tr("Vad klienten begär (frivilligt)"))
        if state.appeal_last_day:
            last = tr("Sista dag att överklaga: {0}").format(state.appeal_last_day)
        else:
            last = tr(
                "Dagen då klienten fick beslutet är inte registrerad: tiden kan inte räknas, "
                "och överklagandet behandlas som inkommet i rätt tid."
            )
        self.form.addRow(tr("Kom in"), self.appealed_on)
        self.form.addRow(tr("Kommentar"), self.note)
        self.body.insertWidget(1, styled_label(last, "muted"))

    def call(self) -> Callable[[], Any]:
        letters, case_id, decision_id = self.letters, self.case_id, self.decision.decision_id
        on, note = date_of(self.appealed_on), self.note.toPlainText()
        return lambda: letters.record_appeal(case_id, decision_id, on, note)


class ReviewDialog(_LetterDialog):
    """The nämnd's omprövning of the appealed decision."""

    def __init__(
        self,
        letters: LetterService,
        runner: OperationRunner,
        case_id: str,
        decision: DecisionView,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Omprövning"), tr("Registrera"), letters, runner, case_id, decision, parent
        )
        self.reviewed_on = date_edit(today, today)
        self.outcome = choice_combo((o, tr(label)) for o, label in REVIEW_LABELS.items())
        self.note = text_edit(60)
        self.form.addRow(tr("Omprövat"), self.reviewed_on)
        self.form.addRow(tr("Resultat"), self.outcome)
        self.form.addRow(tr("Kommentar"), self.note)

    def call(self) -> Callable[[], Any]:
        letters, case_id, decision_id = self.letters, self.case_id, self.decision.decision_id
        on, outcome = date_of(self.reviewed_on), ReviewOutcome(self.outcome.currentData())
        note = self.note.toPlainText()
        return lambda: letters.record_review(case_id, decision_id, on, outcome, note)


class CourtDialog(_LetterDialog):
    """The förvaltningsrätt's outcome."""

    def __init__(
        self,
        letters: LetterService,
        runner: OperationRunner,
        case_id: str,
        decision: DecisionView,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            tr("Domstolens avgörande"),
            tr("Registrera"),
            letters,
            runner,
            case_id,
            decision,
            parent,
        )
        self.court_on = date_edit(today, today)
        self.outcome = choice_combo((o, tr(label)) for o, label in COURT_LABELS.items())
        self.note = text_edit(60)
        self.note.setPlaceholderText(tr("Målnummer och kort vad domstolen kom fram till"))
        self.form.addRow(tr("Avgjort"), self.court_on)
        self.form.addRow(tr("Utfall"), self.outcome)
        self.form.addRow(tr("Kommentar"), self.note)

    def call(self) -> Callable[[], Any]:
        letters, case_id, decision_id = self.letters, self.case_id, self.decision.decision_id
        on, outcome = date_of(self.court_on), CourtOutcome(self.outcome.currentData())
        note = self.note.toPlainText()
        return lambda: letters.record_court(case_id, decision_id, on, outcome, note)
